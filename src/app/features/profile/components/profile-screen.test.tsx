// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { profileLinkHandlers } from '../../../../../mocks/profile-link-handlers';
import { useLocaleStore } from '../../../../shared/i18n';
import { ProfileScreen } from './profile-screen';

const server = setupServer(...profileLinkHandlers);
const sentBodies: unknown[] = [];
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', async ({ request }) => {
    if (request.method === 'PUT') sentBodies.push(await request.clone().json());
  });
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sentBodies.length = 0;
  useLocaleStore.getState().setLocale('ja');
});
afterAll(() => server.close());

function renderScreen(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

function fillValidProfile() {
  fill('氏名', '山田 太郎');
  fill('フリガナ（全角カタカナ）', 'ヤマダ タロウ');
  fill('生年月日', '1990-04-12');
  fill('電話番号', '090-1234-5678');
  fill('メールアドレス', 'taro@example.jp');
  fill('郵便番号（7桁）', '1500001');
}

describe('profile form', () => {
  it('checks every field with the contract before sending, in Japanese, and sends nothing', async () => {
    renderScreen(<ProfileScreen />);
    await screen.findByText('ご登録いただくと 100 pt をプレゼント。誕生月にはバースデークーポンが届きます。');
    fill('フリガナ（全角カタカナ）', 'やまだ');
    fill('郵便番号（7桁）', '150-00');
    fireEvent.click(screen.getByRole('button', { name: '登録する' }));
    expect(await screen.findByText('フリガナは全角カタカナで入力してください')).toBeTruthy();
    expect(screen.getByText('郵便番号は 7 桁の数字で入力してください（例: 150-0001）')).toBeTruthy();
    expect(screen.getByText('利用規約への同意が必要です')).toBeTruthy();
    expect(screen.getAllByText('入力してください')).toHaveLength(4); // name, birthday, phone, email
    expect(screen.getByLabelText('フリガナ（全角カタカナ）').getAttribute('aria-invalid')).toBe('true');
    expect(sentBodies).toEqual([]);
  });

  it('sends the parsed profile and shows the bonus', async () => {
    renderScreen(<ProfileScreen />);
    await screen.findByLabelText('氏名');
    fillValidProfile();
    fill('氏名', '  山田 太郎  ');
    fireEvent.click(screen.getByLabelText('利用規約に同意する'));
    fireEvent.click(screen.getByRole('button', { name: '登録する' }));
    expect(await screen.findByText('登録特典 100 pt をプレゼントしました')).toBeTruthy();
    expect(sentBodies).toEqual([expect.objectContaining({ fullName: '山田 太郎', kana: 'ヤマダ タロウ', termsAccepted: true, marketingConsent: true })]);
  });

  it('shows the BFF’s per-field refusal (a locked birthday) under the field, in English too', async () => {
    useLocaleStore.getState().setLocale('en');
    server.use(
      http.put('*/api/me/profile', () =>
        HttpResponse.json({ error: { code: 'birthday_locked', message: 'x', fields: { birthday: 'profile.error.birthdayLocked' } } }, { status: 409 }),
      ),
    );
    renderScreen(<ProfileScreen />);
    await screen.findByLabelText('Full name');
    fireEvent.change(screen.getByLabelText('Full name'), { target: { value: '山田 太郎' } });
    fireEvent.change(screen.getByLabelText('Name in katakana'), { target: { value: 'ヤマダ' } });
    fireEvent.change(screen.getByLabelText('Date of birth'), { target: { value: '1990-04-12' } });
    fireEvent.change(screen.getByLabelText('Phone number'), { target: { value: '0312345678' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'a@example.jp' } });
    fireEvent.change(screen.getByLabelText('Postal code (7 digits)'), { target: { value: '1000001' } });
    fireEvent.click(screen.getByLabelText('I accept the terms of use'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByText('Your date of birth can no longer be changed here. Please ask our staff')).toBeTruthy());
  });
});
