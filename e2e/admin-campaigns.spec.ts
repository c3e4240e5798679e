import { expect, test, type Page } from '@playwright/test';
import { CardPage } from './fixtures';

/**
 * A link campaign (#17): an admin creates one from today, a shopper links a paper card while it
 * runs and gets its bonus on top of the incentive, and the campaign's funnel counts the link.
 */

async function logIn(page: Page, username: string) {
  await page.goto('/admin/');
  await page.getByLabel('スタッフID').fill(username);
  await page.getByLabel('パスワード').fill('demo-1234');
  await page.getByRole('button', { name: 'ログイン' }).click();
}

test('an admin runs a 500 pt link campaign; a shopper who links gets it on top of the incentive, and the funnel shows the link during the window', async ({ page, context }) => {
  await logIn(page, 'admin');
  await page.getByRole('link', { name: 'キャンペーン' }).click();
  await expect(page.getByRole('heading', { name: '連携キャンペーンを作成' })).toBeVisible();
  await page.getByLabel('キャンペーン名').fill('連携ボーナス 12月');
  await page.getByLabel('ボーナス（pt）').fill('500');
  await page.getByRole('button', { name: '作成する' }).click();
  const campaigns = page.getByTestId('campaigns');
  const row = campaigns.getByRole('row', { name: /連携ボーナス 12月/ });
  await expect(row).toContainText('実施中');
  await expect(row).toContainText('500 pt');

  // A second campaign over the same days is refused.
  await page.getByLabel('キャンペーン名').fill('かぶり');
  await page.getByRole('button', { name: '作成する' }).click();
  await expect(page.getByRole('alert')).toHaveText('この期間には別の連携キャンペーンがあります。日付を変えてください。');
  await expect(campaigns.getByRole('row')).toHaveCount(2); // the header and the one campaign

  // Links already made today by other specs on this server count too: the funnel must gain one.
  const during = page.getByTestId('campaign-funnel').getByTestId('campaign-during');
  await expect(during.getByRole('cell')).toHaveCount(3);
  const linksDuring = async () => Number((await during.getByRole('cell').nth(1).textContent())!.replace(/,/g, ''));
  const before = await linksDuring();

  // The shopper, on a phone.
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  const card = new CardPage(phone);
  await card.open('campaign-linker');
  await phone.getByTestId('link-entry').click();
  await phone.getByLabel('会員番号').fill('1000000048');
  await phone.getByRole('textbox', { name: '生年月日' }).fill('1978-06-30');
  await phone.getByRole('button', { name: '連携する' }).click();
  await expect(phone.getByTestId('link-result')).toContainText('連携しました。引き継いだポイント 200 pt・連携特典 300 pt');
  await expect(phone.getByTestId('link-result')).toContainText('キャンペーン特典 500 pt も加算しました');
  await phone.getByRole('link', { name: 'カード' }).click();
  await expect(card.pointsBalance).toHaveText(/1,000\s*pt/);

  // Back on the dashboard: one bonus granted, and the link counted during the window.
  await page.reload();
  await expect(row.getByRole('cell').nth(3)).toHaveText('1'); // bonuses granted
  const funnel = page.getByTestId('campaign-funnel');
  await expect(funnel.getByRole('heading', { name: '「連携ボーナス 12月」前後の新規ID連携' })).toBeVisible();
  await expect(during).toContainText(/^実施中\d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d1/); // one day so far
  await expect.poll(linksDuring).toBe(before + 1);
  await expect(funnel.getByTestId('campaign-ratio')).toContainText(/実施前/);

  // Ended early, it can be followed by another.
  await row.getByRole('button', { name: '今すぐ終了' }).click();
  await expect(row).toContainText('終了');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'New link campaign' })).toBeVisible();
  await expect(row).toContainText('Over');
});
