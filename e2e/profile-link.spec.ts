import { expect, test } from './fixtures';

/** This month in Tokyo, as the BFF's birthday coupon sees it. */
function birthdayThisMonth(): string {
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', month: '2-digit' }).format(new Date());
  return `1990-${month}-15`;
}

test.describe('profile completion and linking', () => {
  test('a new member completes the profile as a Japanese IME types it, the address filled from the postal code, gets the bonus once, and edits it later', async ({ cardPage, page }) => {
    await cardPage.open('profile-newcomer');
    const nudge = page.getByTestId('profile-nudge');
    await expect(nudge).toContainText('100 pt');
    await nudge.getByRole('link', { name: '登録する' }).click();

    await expect(page.getByRole('heading', { name: 'プロフィール登録' })).toBeVisible();
    const field = (label: string) => page.getByLabel(label, { exact: true });
    // Consent is asked, never assumed; required fields say so to assistive technology too.
    await expect(field('お得な情報をLINEで受け取る')).not.toBeChecked();
    await expect(field('姓')).toHaveAttribute('aria-required', 'true');
    await expect(field('建物名・部屋番号')).toHaveAttribute('aria-required', 'false');
    await expect(page.getByRole('link', { name: '利用規約', exact: true })).toHaveAttribute('href', '/terms');

    await field('姓').fill('中村');
    await field('名').fill('さくら');
    await field('セイ').fill('なかむら'); // hiragana, as the IME offers it first
    await field('メイ').fill('Sakura');
    await field('生年月日').fill(birthdayThisMonth());
    await field('電話番号').fill('０９０１２３４５６７８'); // full-width digits, as a Japanese IME types them
    await field('メールアドレス').fill('sakura@example.jp');
    await field('郵便番号（7桁）').fill('150-00');
    await page.getByRole('button', { name: '登録する' }).click();

    // The same schema as the BFF refuses latin kana, a short postal code, a missing address and unaccepted terms, in Japanese.
    await expect(page.getByText('フリガナはカタカナかひらがなで入力してください')).toBeVisible();
    await expect(page.getByText('郵便番号は 7 桁の数字で入力してください（例: 150-0001）')).toBeVisible();
    await expect(page.getByText('利用規約への同意が必要です')).toBeVisible();
    await expect(page.getByText('都道府県を選択してください')).toBeVisible();

    await field('メイ').fill('さくら');
    await field('郵便番号（7桁）').fill('〒150-0001');
    // The BFF's own table answers: prefecture, city and town appear, still editable.
    await expect(field('市区町村')).toHaveValue('渋谷区');
    await expect(field('都道府県')).toHaveValue('東京都');
    await expect(field('町名・番地')).toHaveValue('神宮前');
    await field('町名・番地').fill('神宮前1-2-3');
    await field('建物名・部屋番号').fill('さくらハイツ 201');
    await field('利用規約に同意する').check();
    await page.getByRole('button', { name: '登録する' }).click();

    const saved = page.getByRole('status').filter({ hasText: 'プロフィールを保存しました' });
    await expect(saved).toContainText('登録特典 100 pt');
    await expect(saved).toContainText('バースデークーポンをお届けしました');
    await saved.getByRole('link', { name: 'クーポンを見る' }).click();
    await expect(page.getByRole('heading', { name: 'クーポン' })).toBeVisible();
    await expect(page.getByText('バースデー 10% OFF')).toBeVisible();

    await page.getByRole('link', { name: 'カード' }).click();
    await expect(cardPage.pointsBalance).toHaveText(/100\s*pt/);
    await expect(page.getByTestId('profile-nudge')).toHaveCount(0);

    // Back to the profile from the card: the saved details, kana in katakana, the phone's digits.
    await page.getByTestId('profile-edit').click();
    await expect(page.getByRole('heading', { name: 'プロフィールの確認・変更' })).toBeVisible();
    await expect(field('姓')).toHaveValue('中村');
    await expect(field('セイ')).toHaveValue('ナカムラ');
    await expect(field('メイ')).toHaveValue('サクラ');
    await expect(field('電話番号')).toHaveValue('09012345678');
    await expect(field('郵便番号（7桁）')).toHaveValue('1500001');
    await expect(field('建物名・部屋番号')).toHaveValue('さくらハイツ 201');
    await expect(field('お得な情報をLINEで受け取る')).not.toBeChecked();
    await expect(field('利用規約に同意する')).toBeChecked();

    await field('建物名・部屋番号').fill('さくらハイツ 305');
    await field('お得な情報をLINEで受け取る').check();
    await page.getByRole('button', { name: '変更を保存する' }).click();
    const updated = page.getByRole('status').filter({ hasText: 'プロフィールを保存しました' });
    await expect(updated).toBeVisible();
    await expect(updated).not.toContainText('登録特典');

    await page.reload();
    await expect(field('建物名・部屋番号')).toHaveValue('さくらハイツ 305');
    await expect(field('お得な情報をLINEで受け取る')).toBeChecked();
    await page.getByRole('link', { name: 'カード' }).click();
    await expect(cardPage.pointsBalance).toHaveText(/100\s*pt/); // the completion bonus, once
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
