import { expect, test } from './fixtures';

/** This month in Tokyo, as the BFF's birthday coupon sees it. */
function birthdayThisMonth(): string {
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', month: '2-digit' }).format(new Date());
  return `1990-${month}-15`;
}

test.describe('profile completion and linking', () => {
  test('a new member completes the profile from the nudge, gets the bonus, and with a birthday this month sees the birthday coupon', async ({ cardPage, page }) => {
    await cardPage.open('profile-newcomer');
    const nudge = page.getByTestId('profile-nudge');
    await expect(nudge).toContainText('100 pt');
    await nudge.getByRole('link', { name: '登録する' }).click();

    await expect(page.getByRole('heading', { name: 'プロフィール登録' })).toBeVisible();
    await page.getByLabel('氏名').fill('中村 さくら');
    await page.getByLabel('フリガナ（全角カタカナ）').fill('なかむら さくら');
    await page.getByLabel('生年月日').fill(birthdayThisMonth());
    await page.getByLabel('電話番号').fill('０９０－２２２２－３３３３'); // as a Japanese IME types it
    await page.getByLabel('メールアドレス').fill('sakura@example.jp');
    await page.getByLabel('郵便番号（7桁）').fill('150-00');
    await page.getByRole('button', { name: '登録する' }).click();

    // The same schema as the BFF refuses hiragana, a short postal code and unaccepted terms, in Japanese.
    await expect(page.getByText('フリガナは全角カタカナで入力してください')).toBeVisible();
    await expect(page.getByText('郵便番号は 7 桁の数字で入力してください（例: 150-0001）')).toBeVisible();
    await expect(page.getByText('利用規約への同意が必要です')).toBeVisible();

    await page.getByLabel('フリガナ（全角カタカナ）').fill('ナカムラ サクラ');
    await page.getByLabel('郵便番号（7桁）').fill('〒１５０－０００１');
    await page.getByLabel('利用規約に同意する').check();
    await page.getByRole('button', { name: '登録する' }).click();

    const saved = page.getByRole('status');
    await expect(saved).toContainText('プロフィールを保存しました');
    await expect(saved).toContainText('登録特典 100 pt');
    await expect(saved).toContainText('バースデークーポンをお届けしました');
    await saved.getByRole('link', { name: 'クーポンを見る' }).click();
    await expect(page.getByRole('heading', { name: 'クーポン' })).toBeVisible();
    await expect(page.getByText('バースデー 10% OFF')).toBeVisible();

    await page.getByRole('link', { name: 'カード' }).click();
    await expect(cardPage.pointsBalance).toHaveText(/100\s*pt/);
    await expect(page.getByTestId('profile-nudge')).toHaveCount(0);
  });

  test('a shopper links a seeded paper card: a wrong birthday is refused, the right one merges the balance with the 300 pt incentive', async ({ cardPage, page }) => {
    await cardPage.open('paper-card-holder');
    await expect(cardPage.pointsBalance).toHaveText(/^0\s*pt/);
    await page.getByTestId('link-entry').click();

    await expect(page.getByRole('heading', { name: '会員カードの連携' })).toBeVisible();
    await page.getByLabel('会員番号').fill('1000000017');
    await page.getByRole('textbox', { name: '生年月日' }).fill('1985-04-13');
    await page.getByRole('button', { name: '連携する' }).click();
    await expect(page.getByRole('alert')).toHaveText('会員番号または確認情報が一致しません');

    await page.getByRole('textbox', { name: '生年月日' }).fill('1985-04-12');
    await page.getByRole('button', { name: '連携する' }).click();
    await expect(page.getByTestId('link-result')).toHaveText('連携しました。引き継いだポイント 1,500 pt・連携特典 300 pt');
    await expect(page.getByTestId('linked-number')).toContainText('1000000017');

    await page.getByRole('link', { name: 'カード' }).click();
    await expect(cardPage.pointsBalance).toHaveText(/1,800\s*pt/);
    await expect(page.getByTestId('link-entry')).toHaveCount(0);
  });

  // Withdrawal (from マイページ, confirmed in the app) and what it leaves on the phone: e2e/mypage.spec.ts.
});
