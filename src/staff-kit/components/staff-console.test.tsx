// @vitest-environment happy-dom
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import type { StaffMe } from '../../contract/staff';
import { request } from '../../shared/api/request';
import { createStaffQueryClient } from '../lib/staff-query-client';
import { StaffConsole } from './staff-console';

const admin: StaffMe = { username: 'admin', displayName: '管理 花子', storeId: 'shibuya', storeName: { ja: '渋谷店', en: 'Shibuya' }, role: 'admin', sessionExpiresAt: '2030-01-01T00:00:00.000Z' };
const noSession = () => HttpResponse.json({ error: { code: 'staff_session_required', message: 'Your staff session has ended. Please log in again.' } }, { status: 401 });

const server = setupServer(
  http.get('*/api/staff/demo-accounts', () => HttpResponse.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 })),
  http.get('*/api/staff/session', () => HttpResponse.json(admin)),
  http.delete('*/api/staff/session', () => new HttpResponse(null, { status: 204 })),
  http.get('*/api/admin/figure', () => HttpResponse.json({ total: 7 })),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

function Figure() {
  const figure = useQuery({ queryKey: ['figure'], queryFn: () => request('/api/admin/figure', z.object({ total: z.number() })) });
  return <p>{figure.data ? `total ${figure.data.total}` : 'waiting'}</p>;
}

function renderConsole(forgetShift = vi.fn()) {
  render(
    <QueryClientProvider client={createStaffQueryClient({ forgetShift })}>
      <StaffConsole title="Figures" loginTitle="admin.login.title">
        {() => <Figure />}
      </StaffConsole>
    </QueryClientProvider>,
  );
  return forgetShift;
}

describe('the staff console shared by clerk and dashboard', () => {
  it('shows who is signed in, and the login page when there is no session', async () => {
    renderConsole();
    expect((await screen.findByTestId('staff-whoami')).textContent).toBe('管理 花子（渋谷店・管理者）');
    expect(await screen.findByText('total 7')).toBeTruthy();
    // Every signed-in screen has one top-level heading: the part's name.
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Figures');

    cleanup();
    server.use(http.get('*/api/staff/session', noSession));
    renderConsole();
    expect(await screen.findByRole('heading', { name: '管理者ログイン' })).toBeTruthy();
  });

  it('sends the person back to the login page when a call finds the session ended, forgetting the shift', async () => {
    server.use(http.get('*/api/admin/figure', noSession));
    const forgetShift = renderConsole();
    expect(await screen.findByRole('heading', { name: '管理者ログイン' })).toBeTruthy();
    expect(forgetShift).toHaveBeenCalled();
  });

  it('logs out to the login page at once, forgetting the shift', async () => {
    const forgetShift = renderConsole();
    await screen.findByText('total 7');
    fireEvent.click(screen.getByRole('button', { name: 'ログアウト' }));
    expect(await screen.findByRole('heading', { name: '管理者ログイン' })).toBeTruthy();
    expect(screen.queryByText('total 7')).toBeNull();
    expect(forgetShift).toHaveBeenCalled();
  });

  it("reads a refused login in the staff's language", async () => {
    server.use(
      http.get('*/api/staff/session', noSession),
      http.post('*/api/staff/session', () => HttpResponse.json({ error: { code: 'invalid_credentials', message: 'Staff id or password is wrong.' } }, { status: 401 })),
    );
    renderConsole();
    fireEvent.change(await screen.findByLabelText('スタッフID'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByLabelText('パスワード'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'ログイン' }));
    expect((await screen.findByRole('alert')).textContent).toContain('スタッフIDまたはパスワードが違う');
  });
});
