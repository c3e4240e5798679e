import { expect, request as apiRequest, test, type Page } from '@playwright/test';
import { E2E_LINE_API_URL } from '../playwright.config';

/**
 * Segment messages end to end: a marketing account builds a segment (born in February, profile
 * completed, consented), previews a card for one of its members, sends a text, and the BFF's
 * in-process job runner multicasts it to the mock LINE API — to the member who follows the
 * account, not the one who blocked it — while the sends list and report follow.
 */

/** Two personas no other spec uses; both complete their profile (consent, born in February), one blocks the account. */
const FRIEND = { personaId: 'outside-line', lineUserId: 'U00000000000000000000000000000040', name: '外山 ブラウザ' };
const BLOCKER = { personaId: 'verified-mini-app', lineUserId: 'U00000000000000000000000000000042', name: '宮野 ミニ' };

const profile = (email: string) => ({
  familyName: '配信',
  givenName: 'テスト',
  familyKana: 'ハイシン',
  givenKana: 'テスト',
  birthday: '1995-02-14',
  phone: '090-1234-5678',
  email,
  postalCode: '1500001',
  prefecture: '東京都',
  city: '渋谷区',
  street: '1-1-1',
  building: '',
  marketingConsent: true,
  termsAccepted: true,
});

/** The shopper's own app does this: sign in with the (dev) ID token, save the profile, report the friendship LIFF saw. */
async function shopperCompletes(baseURL: string, persona: typeof FRIEND, friend: boolean) {
  const shopper = await apiRequest.newContext({ baseURL });
  const { idToken } = (await (await shopper.post('/dev/id-token', { data: { personaId: persona.personaId } })).json()) as { idToken: string };
  expect((await shopper.post('/api/session', { data: { idToken } })).status()).toBeLessThan(300);
  expect((await shopper.put('/api/me/profile', { data: profile(`${persona.personaId}@example.jp`) })).status()).toBeLessThan(300);
  expect((await shopper.post('/api/me/line-friendship', { data: { friend } })).status()).toBeLessThan(300);
  await shopper.dispose();
}

async function logIn(page: Page, username: string) {
  await page.goto('/admin/');
  await page.getByLabel('スタッフID').fill(username);
  await page.getByLabel('パスワード').fill('demo-1234');
  await page.getByRole('button', { name: 'ログイン' }).click();
}

type RecordedCall = { kind: string; to: string; body: { messages: { type: string; text?: string }[] } };

test('marketing builds a segment, previews, sends, and the mock LINE API receives it once per consenting friend', async ({ page, request, baseURL }) => {
  await shopperCompletes(baseURL!, FRIEND, true);
  await shopperCompletes(baseURL!, BLOCKER, false);
  await logIn(page, 'marketing1');

  // The builder counts as the conditions change.
  await page.getByLabel('セグメント名').fill('E2E 2月生まれ');
  await page.getByLabel('誕生月').selectOption('2');
  await page.getByLabel('プロフィール登録').selectOption('true');
  await expect(page.getByTestId('segment-count')).toHaveText('該当 2 人');
  await page.getByLabel('お知らせ配信の同意').selectOption('true');
  await expect(page.getByTestId('segment-count')).toHaveText('該当 2 人');
  await page.getByLabel('LINE友だち').selectOption('blocked');
  await expect(page.getByTestId('segment-count')).toHaveText('該当 1 人');
  await page.getByLabel('LINE友だち').selectOption('');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('保存しました')).toBeVisible();
  await expect(page.getByRole('region', { name: '保存済みセグメント' })).toContainText('E2E 2月生まれ');

  // Compose a card with the member's own figures: the preview renders it for the member picked.
  const composer = page.getByRole('form', { name: 'メッセージを送る' });
  await composer.getByLabel('配信先セグメント').selectOption({ label: 'E2E 2月生まれ（2 人）' });
  await composer.getByLabel('種類').selectOption('card');
  await composer.getByLabel('タイトル (A)').fill('{name}さんへ');
  await composer.getByLabel('本文 (A)').fill('残高は {balance} pt です');
  const preview = composer.getByTestId('send-preview');
  // Members in member-number order: 外山 (…407), then 宮野 (…421).
  await expect(preview).toContainText(`${FRIEND.name} さんに届く内容`);
  await preview.getByLabel('会員').selectOption({ index: 1 });
  await expect(preview).toContainText(`${BLOCKER.name} さんに届く内容`);
  await expect(preview).toContainText(`${BLOCKER.name}さんへ`);
  await expect(preview).toContainText(/残高は [\d,]+ pt です/);

  // Text goes out as a multicast: back to text, then send now.
  await composer.getByLabel('種類').selectOption('text');
  await composer.getByLabel('本文 (A)').fill('E2E 休眠会員さまへのお知らせ');
  await expect(preview).toContainText('E2E 休眠会員さまへのお知らせ');
  await composer.getByRole('button', { name: '配信する' }).click();
  await expect(composer.getByText('配信を受け付けました')).toBeVisible();

  // The job runner materialises and sends it; the list and report follow.
  const row = page.getByTestId('send-row').filter({ hasText: 'E2E 2月生まれ' });
  await expect(row).toContainText('対象 2 人・送信 1・失敗 0・待ち 0', { timeout: 20_000 });
  await expect(row).toContainText('友だちでない・ブロック 1');
  await row.getByRole('button', { name: 'レポート' }).click();
  await expect(row.getByTestId('send-report').getByRole('row', { name: /^A/ })).toContainText('2');

  const { calls } = (await (await request.get(`${E2E_LINE_API_URL}/__mock/calls`)).json()) as { calls: RecordedCall[] };
  const multicasts = calls.filter((call) => call.kind === 'multicast' && call.body.messages[0]?.text === 'E2E 休眠会員さまへのお知らせ');
  expect(multicasts).toHaveLength(1);
  expect(multicasts[0]!.to.split(',')).toEqual([FRIEND.lineUserId]);
});
