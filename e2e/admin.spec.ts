import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

/**
 * The operator dashboard against the January 2020 sample the dev BFF seeds beside the personas
 * (src/server/dashboard/sample-dataset.ts, figures worked out by hand there).
 */

async function logIn(page: Page, username: string) {
  await page.goto('/admin/');
  await page.getByLabel('スタッフID').fill(username);
  await page.getByLabel('パスワード').fill('demo-1234');
  await page.getByRole('button', { name: 'ログイン' }).click();
}

test.describe('operator dashboard', () => {
  test('an admin opens the dashboard, picks January 2020 and reads the funnel, block rate and stores of the sample', async ({ page }) => {
    await logIn(page, 'admin');
    await expect(page.getByRole('heading', { name: /ファネル/ })).toBeVisible();

    await page.getByLabel('開始日').fill('2020-01-01');
    await page.getByLabel('終了日').fill('2020-01-31');
    await expect(page.getByRole('heading', { name: 'ファネル（2020/01/31 終了時点）' })).toBeVisible();

    const funnel = page.getByTestId('funnel');
    await expect(funnel.getByRole('row', { name: /LINE友だち/ })).toContainText('5');
    await expect(funnel.getByRole('row', { name: /会員証登録/ })).toContainText('4');
    await expect(funnel.getByRole('row', { name: /会員ID連携済み/ })).toContainText('3');
    await expect(funnel.getByRole('row', { name: /プロフィール登録済み/ })).toContainText('3');
    await expect(funnel.getByRole('row', { name: /REINE 会員/ })).toContainText('2');
    await expect(funnel.getByRole('row', { name: /REINE 会員/ })).toContainText('友だちの 40%');

    await expect(page.getByTestId('block-rate')).toHaveText('37.5%');
    await expect(page.getByTestId('blocks-per-day')).toContainText('ブロック率 37.5%');
    await expect(page.getByTestId('links-per-day')).toContainText('期間合計 4 件');
    const stores = page.getByTestId('stores');
    await expect(stores.getByRole('row', { name: /渋谷店/ })).toContainText('¥105,000');
    await expect(stores.getByRole('row', { name: /梅田店/ })).toContainText('¥40,000');

    // Each table downloads as CSV, with the same numbers.
    const download = page.waitForEvent('download');
    await page.getByTestId('funnel').getByRole('button', { name: 'CSVダウンロード' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');
    expect(csv).toContain('LINE友だち,5');
    expect(csv).toContain('REINE 会員,2');

    // English too, dates and yen included.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Funnel (at the end of Jan 31, 2020)' })).toBeVisible();
    await expect(funnel.getByRole('row', { name: /Linked member IDs/ })).toContainText('3');
    await expect(page.getByTestId('blocks-per-day')).toContainText('3 blocks among 1 friend at the start and 7 new follows');
    await expect(stores.getByRole('row', { name: /Shibuya/ })).toContainText('¥105,000');

    await page.getByRole('link', { name: 'Rules' }).click();
    await expect(page.getByText('One point is worth ¥1 at the register.')).toBeVisible();
    await expect(page.getByText(/REINE: ¥50,000 or more spent over the last 12 months/)).toBeVisible();
    await expect(page.getByText('In their birth month members get “Birthday: 10% off”.')).toBeVisible();
    // A reload of the rules page serves the dashboard again, not the shopper's app.
    await page.reload();
    await expect(page.getByText('One point is worth ¥1 at the register.')).toBeVisible();
  });

  test('a clerk who signs in is told the dashboard needs an admin, and the figures are refused', async ({ page }) => {
    await logIn(page, 'clerk1');
    await expect(page.getByRole('alert')).toHaveText('このページは管理者（admin）のアカウントで開いてください。');
    const response = await page.request.get('/api/admin/funnel?from=2020-01-01&to=2020-01-31');
    expect(response.status()).toBe(403);
  });
});
