import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { fixtureCoupon } from '../mocks/api-handlers';
import type { CouponList } from '../src/contract/coupons';

/**
 * WCAG 2.2 AA on every shopper, clerk and admin screen, checked by axe-core in the real Chromium:
 * zero violations, plus axe's one-h1-per-page rule. A used and an expired coupon are shown too
 * (their dimmed colours are where contrast slips).
 */
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Every WCAG 2.2 A/AA violation on the page as it is now, listed readably when the test fails. */
async function expectNoViolations(page: Page, screen: string) {
  // One run at a time: axe refuses a second run in the same page while one is going.
  const wcag = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  const headings = await new AxeBuilder({ page }).withRules(['page-has-heading-one']).analyze();
  const violations = [...wcag.violations, ...headings.violations].map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    where: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`),
  }));
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

const USED_AND_EXPIRED: CouponList = {
  coupons: [
    { ...fixtureCoupon, id: '00000000-0000-4000-8000-000000000001', status: 'used', usedAt: '2026-01-10T03:00:00.000Z', usedAtStore: { ja: '渋谷店', en: 'Shibuya' } },
    {
      ...fixtureCoupon,
      id: '00000000-0000-4000-8000-000000000002',
      kind: 'stamp_reward',
      title: { ja: 'スタンプ特典 ¥1,000 OFF', en: 'Stamp card reward: ¥1,000 off' },
      discount: { kind: 'yen', yen: 1000 },
      validUntil: '2025-03-31T14:59:59.999Z',
      status: 'expired',
      code: '771234567891',
    },
  ],
};

async function staffLogIn(page: Page, part: 'clerk' | 'admin', username: string) {
  await page.goto(`/${part}/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page, `${part} login`);
  await page.getByLabel('スタッフID').fill(username);
  await page.getByLabel('パスワード').fill('demo-1234');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page.getByTestId('staff-whoami')).toBeVisible();
}

test.describe('accessibility (axe, WCAG 2.2 AA)', () => {
  // Each axe run reads the whole page; several screens per test take longer than the default 30 s on a busy machine.
  test.describe.configure({ timeout: 180_000 });

  test('shopper screens: card, points, stamps, coupons (usable, used, expired), coupon detail, profile, link, terms, privacy, マイページ and its withdrawal dialog', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/?persona=birthday-month');
    await expect(page.getByRole('img', { name: /会員バーコード/ })).toBeVisible();
    await expectNoViolations(page, 'card');

    for (const [link, screen] of [
      ['ポイント', 'points'],
      ['スタンプ', 'stamps'],
      ['クーポン', 'coupons'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      await expectNoViolations(page, screen);
    }
    await page.getByRole('link', { name: /バースデー 10% OFF/ }).click();
    await expect(page.getByTestId('coupon-barcode')).toBeVisible();
    await expectNoViolations(page, 'coupon detail');

    await page.route('**/api/me/coupons', (route) => route.fulfill({ json: USED_AND_EXPIRED }));
    await page.goto('/coupons');
    await expect(page.getByText('使用済み')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('期限切れ')).toBeVisible();
    await expectNoViolations(page, 'used and expired coupons');

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByText('Used', { exact: true })).toBeVisible();
    await expectNoViolations(page, 'used and expired coupons in English');
    await page.getByRole('button', { name: '日本語' }).click();

    for (const path of ['/profile', '/link', '/terms', '/privacy', '/mypage']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      await expectNoViolations(page, path);
    }
    // マイページ's withdrawal confirmation, open over the page (then cancelled).
    await page.getByRole('button', { name: '退会する' }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await expectNoViolations(page, 'withdrawal dialog');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
  });

  test('clerk screens: login, register with a member, a void preview, audit log, review list', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await staffLogIn(page, 'clerk', 'manager1');
    await expectNoViolations(page, 'register');
    await page.getByLabel('会員コード').fill('2900000000209');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('member-panel')).toBeVisible();
    await expectNoViolations(page, 'register with a member');

    const purchase = page.getByRole('region', { name: 'お買い上げ', exact: true });
    await purchase.getByLabel('金額（円）').fill('1000');
    await purchase.getByLabel('レシート番号', { exact: true }).fill('E2E-A11Y-1');
    await purchase.getByRole('button', { name: 'お買い上げを記録' }).click();
    await expect(page.getByTestId('purchase-done')).toBeVisible();
    const voidForm = page.getByRole('region', { name: 'お買い上げの取消' });
    await voidForm.getByLabel('取り消すレシート番号').fill('E2E-A11Y-1');
    await voidForm.getByRole('button', { name: '内容を確認' }).click();
    await expect(page.getByTestId('void-preview')).toBeVisible();
    await expectNoViolations(page, 'a purchase done and a void preview');
    // The void done too: the shared member's balance is what the clerk specs expect afterwards.
    await voidForm.getByRole('button', { name: '取り消す' }).click();
    await expect(page.getByTestId('void-done')).toBeVisible();

    await page.getByRole('link', { name: '操作履歴' }).click();
    await expect(page.getByRole('region', { name: '操作履歴' })).toBeVisible();
    await expectNoViolations(page, 'audit log');
    await page.getByRole('link', { name: '要確認リスト' }).click();
    await expect(page.getByRole('heading', { name: '本日の要確認リスト' })).toBeVisible();
    await expectNoViolations(page, 'review list');
  });

  test('admin screens: login, figures, rules, campaigns, and the page a clerk sees', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await staffLogIn(page, 'admin', 'admin');
    await page.getByLabel('開始日').fill('2020-01-01');
    await page.getByLabel('終了日').fill('2020-01-31');
    await expect(page.getByTestId('block-rate')).toHaveText('37.5%');
    await expectNoViolations(page, 'figures');
    await page.getByRole('link', { name: 'ルール' }).click();
    await expect(page.getByTestId('program')).toBeVisible();
    await expectNoViolations(page, 'rules');
    await page.getByRole('link', { name: 'キャンペーン' }).click();
    await expect(page.getByRole('heading', { name: '連携キャンペーンを作成' })).toBeVisible();
    await expect(page.getByTestId('campaigns')).toBeVisible();
    await expectNoViolations(page, 'campaigns');

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByLabel('スタッフID').fill('clerk1');
    await page.getByLabel('パスワード').fill('demo-1234');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page, 'admin page for a clerk');
  });
});
