// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { profileLinkHandlers } from '../../../../../mocks/profile-link-handlers';
import { LinkScreen } from './link-screen';
// The screens' words, as app.tsx installs them before any screen renders.
import '../../../lib/screen-words';

const server = setupServer(...profileLinkHandlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

function renderScreen() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <LinkScreen />
    </QueryClientProvider>,
  );
}

async function submit(memberNumber: string, birthday: string) {
  fireEvent.change(await screen.findByLabelText('会員番号'), { target: { value: memberNumber } });
  // The radio and the date field are both named 生年月日; the field is the one named "birthday".
  fireEvent.change(document.querySelector('input[name="birthday"]')!, { target: { value: birthday } });
  fireEvent.click(screen.getByRole('button', { name: '連携する' }));
}

describe('link screen', () => {
  it('refuses a malformed number before sending', async () => {
    renderScreen();
    await submit('12ab', '1985-04-12');
    expect(await screen.findByText('会員番号は数字（4〜20桁）で入力してください')).toBeTruthy();
  });

  it('shows the transferred points and the incentive after a link', async () => {
    renderScreen();
    await submit('1000-0000-17', '1985-04-12');
    expect((await screen.findByTestId('link-result')).textContent).toBe('連携しました。引き継いだポイント 1,500 pt・連携特典 300 pt');
  });

  it('says "does not match" without telling which part was wrong, and when a lockout ends (JST)', async () => {
    server.use(http.post('*/api/me/link', () => HttpResponse.json({ error: { code: 'link_not_verified', message: 'x' } }, { status: 422 })));
    renderScreen();
    await submit('1000000017', '1985-04-13');
    expect((await screen.findByRole('alert')).textContent).toBe('会員番号または確認情報が一致しません');

    server.use(
      http.post('*/api/me/link', () =>
        HttpResponse.json({ error: { code: 'link_locked', message: 'x', fields: { retryAt: '2026-11-23T04:30:00.000Z' } } }, { status: 429 }),
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: '連携する' }));
    expect(await screen.findByText('試行回数が上限に達しました。2026/11/23 13:30 以降にもう一度お試しください')).toBeTruthy();
  });

  it('asks for the phone number too when the card is held by another LINE account, and sends both (full-width digits accepted)', async () => {
    const sent: unknown[] = [];
    server.use(
      http.post('*/api/me/link', async ({ request }) => {
        const body = (await request.json()) as { factor: { kind: string } };
        sent.push(body);
        if (body.factor.kind !== 'birthday_and_phone') {
          return HttpResponse.json({ error: { code: 'recovery_needs_phone', message: 'x' } }, { status: 422 });
        }
        return HttpResponse.json({ outcome: 'recovered', memberNumber: '2012345678901', transferredPoints: 0, incentivePoints: 0, oldNumber: 'kept' });
      }),
    );
    renderScreen();
    await submit('2012345678901', '1985-04-12');
    expect((await screen.findByRole('alert')).textContent).toBe('この会員証は別のLINEアカウントで使われています。引き継ぐには生年月日と電話番号の両方を入力してください');
    const phone = await screen.findByRole('textbox', { name: '電話番号' });
    fireEvent.change(phone, { target: { value: '０９０－１２３４－５６７８' } });
    fireEvent.click(screen.getByRole('button', { name: '連携する' }));
    expect((await screen.findByTestId('link-result')).textContent).toBe('会員証をこのLINEアカウントに引き継ぎました');
    expect(sent[1]).toEqual({ memberNumber: '2012345678901', factor: { kind: 'birthday_and_phone', birthday: '1985-04-12', phone: '０９０－１２３４－５６７８' } });
  });

  it('unlinks only once confirmed in the app, and the "linked" banner then gives way to "unlinked"', async () => {
    let link: { crmMemberNumber: string; linkedAt: string } | null = null;
    const unlinks: unknown[] = [];
    server.use(
      http.get('*/api/me/link', () => HttpResponse.json({ link, linkPoints: 300 })),
      http.post('*/api/me/link', () => {
        link = { crmMemberNumber: '1000000024', linkedAt: '2026-12-01T00:00:00.000Z' };
        return HttpResponse.json({ outcome: 'linked', memberNumber: '2900000000445', transferredPoints: 420, incentivePoints: 300, oldNumber: 'kept' });
      }),
      http.delete('*/api/me/link', () => {
        unlinks.push(true);
        link = null;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const nativeConfirm = vi.fn(() => true);
    vi.stubGlobal('confirm', nativeConfirm);
    renderScreen();
    await submit('1000000024', '1990-11-03');
    expect((await screen.findByTestId('link-result')).textContent).toBe('連携しました。引き継いだポイント 420 pt・連携特典 300 pt');

    fireEvent.click(await screen.findByRole('button', { name: '連携を解除する' }));
    fireEvent.click(within(screen.getByRole('alertdialog', { name: '連携を解除しますか？' })).getByRole('button', { name: 'キャンセル' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(unlinks).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: '連携を解除する' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '解除する' }));
    expect((await screen.findByTestId('unlink-result')).textContent).toBe('連携を解除しました');
    expect(screen.queryByTestId('link-result')).toBeNull();
    expect(unlinks).toEqual([true]);
    expect(nativeConfirm).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });

  it('a failed unlink is said in the shopper’s words inside the dialog, never as the BFF’s text', async () => {
    server.use(
      http.get('*/api/me/link', () => HttpResponse.json({ link: { crmMemberNumber: '1000000024', linkedAt: '2026-12-01T00:00:00.000Z' }, linkPoints: 300 })),
      http.delete('*/api/me/link', () => HttpResponse.json({ error: { code: 'internal', message: 'Internal Server Error' } }, { status: 500 })),
    );
    renderScreen();
    fireEvent.click(await screen.findByRole('button', { name: '連携を解除する' }));
    const dialog = screen.getByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '解除する' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/サービスで問題が起きました/);
    expect(within(dialog).queryByText(/Internal Server Error/)).toBeNull();
  });
});
