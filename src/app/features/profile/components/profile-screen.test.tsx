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
// The screens' words, as app.tsx installs them before any screen renders.
import '../../../lib/screen-words';

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
  fill('姓', '山田');
  fill('名', '太郎');
  fill('セイ', 'ヤマダ');
  fill('メイ', 'タロウ');
  fill('生年月日', '1990-04-12');
  fill('電話番号', '090-1234-5678');
  fill('メールアドレス', 'taro@example.jp');
  fill('郵便番号（7桁）', '1000001');
  fill('都道府県', '東京都');
  fill('市区町村', '千代田区');
  fill('町名・番地', '千代田1-1');
}

describe('profile form', () => {
  it('checks every field with the contract before sending, in Japanese, and sends nothing', async () => {
    renderScreen(<ProfileScreen />);
    await screen.findByText('ご登録いただくと 100 pt をプレゼント。誕生月にはバースデークーポンが届きます。');
    fill('セイ', 'Yamada');
    fill('郵便番号（7桁）', '150-00');
    fireEvent.click(screen.getByRole('button', { name: '登録する' }));
    expect(await screen.findByText('フリガナはカタカナかひらがなで入力してください')).toBeTruthy();
    expect(screen.getByText('郵便番号は 7 桁の数字で入力してください（例: 150-0001）')).toBeTruthy();
    expect(screen.getByText('利用規約への同意が必要です')).toBeTruthy();
    expect(screen.getByText('都道府県を選択してください')).toBeTruthy();
    expect(screen.getAllByText('入力してください')).toHaveLength(8); // 姓, 名, メイ, birthday, phone, email, city, street
    expect(screen.getByLabelText('セイ').getAttribute('aria-invalid')).toBe('true');
    expect(sentBodies).toEqual([]);
  });

  it('marks the required fields for assistive technology, leaves the building optional and marketing unticked, and links the terms', async () => {
    renderScreen(<ProfileScreen />);
    await screen.findByLabelText('姓');
    for (const label of ['姓', '名', 'セイ', 'メイ', '生年月日', '電話番号', 'メールアドレス', '郵便番号（7桁）', '都道府県', '市区町村', '町名・番地', '利用規約に同意する']) {
      expect(screen.getByLabelText(label).getAttribute('aria-required'), label).toBe('true');
    }
    expect(screen.getByLabelText('建物名・部屋番号').getAttribute('aria-required')).toBe('false');
    expect((screen.getByLabelText('お得な情報をLINEで受け取る') as HTMLInputElement).checked).toBe(false);
    expect(screen.getByRole('link', { name: '利用規約' }).getAttribute('href')).toBe('/terms');
    expect(screen.getByRole('link', { name: 'プライバシーポリシー' }).getAttribute('href')).toBe('/privacy');
  });

  it('fills prefecture, city and town from a postal code typed as an IME types it, and the fields stay editable', async () => {
    renderScreen(<ProfileScreen />);
    await screen.findByLabelText('姓');
    fill('郵便番号（7桁）', '〒１５０－０００１');
    await waitFor(() => expect((screen.getByLabelText('市区町村') as HTMLInputElement).value).toBe('渋谷区'));
    expect((screen.getByLabelText('都道府県') as HTMLSelectElement).value).toBe('東京都');
    expect((screen.getByLabelText('町名・番地') as HTMLInputElement).value).toBe('神宮前');
    expect(screen.getByTestId('postal-status').textContent).toBe('住所を自動入力しました。番地以降をご確認ください');
    fill('町名・番地', '神宮前1-2-3');
    expect((screen.getByLabelText('町名・番地') as HTMLInputElement).value).toBe('神宮前1-2-3');
    fill('郵便番号（7桁）', '9999999');
    await waitFor(() => expect(screen.getByTestId('postal-status').textContent).toBe('住所が見つかりません。直接入力してください'));
    expect((screen.getByLabelText('町名・番地') as HTMLInputElement).value).toBe('神宮前1-2-3');
  });

  it('sends the parsed profile, kana typed in hiragana as katakana, and shows the bonus', async () => {
    renderScreen(<ProfileScreen />);
    await screen.findByLabelText('姓');
    fillValidProfile();
    fill('姓', '  山田  ');
    fill('セイ', 'やまだ');
    fireEvent.click(screen.getByLabelText('利用規約に同意する'));
    fireEvent.click(screen.getByRole('button', { name: '登録する' }));
    expect(await screen.findByText('登録特典 100 pt をプレゼントしました')).toBeTruthy();
    expect(sentBodies).toEqual([
      expect.objectContaining({ familyName: '山田', givenName: '太郎', familyKana: 'ヤマダ', givenKana: 'タロウ', prefecture: '東京都', termsAccepted: true, marketingConsent: false }),
    ]);
  });

  it('shows the BFF’s per-field refusal (a locked birthday) under the field, in English too', async () => {
    useLocaleStore.getState().setLocale('en');
    server.use(
      http.put('*/api/me/profile', () =>
        HttpResponse.json({ error: { code: 'birthday_locked', message: 'x', fields: { birthday: 'profile.error.birthdayLocked' } } }, { status: 409 }),
      ),
    );
    renderScreen(<ProfileScreen />);
    await screen.findByLabelText('Family name');
    const en = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
    en('Family name', '山田');
    en('Given name', '太郎');
    en('Family name (katakana)', 'ヤマダ');
    en('Given name (katakana)', 'タロウ');
    en('Date of birth', '1990-04-12');
    en('Phone number', '0312345678');
    en('Email', 'a@example.jp');
    en('Postal code (7 digits)', '1000001');
    en('Prefecture', '東京都');
    en('City, ward, town or village', '千代田区');
    en('Street and number', '千代田1-1');
    fireEvent.click(screen.getByLabelText('I accept the terms of use'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByText('Your date of birth can no longer be changed here. Please ask our staff')).toBeTruthy());
  });
});
