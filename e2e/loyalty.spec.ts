import { decodeBarcodes } from './support/decode-barcode';
import { expect, test } from './fixtures';

/** The loyalty screens against the real BFF, with personas seeded through the loyalty service. */
test.describe('loyalty screens', () => {
  test('¥3,000 short of REINE: the gap and the bar', async ({ cardPage, page }) => {
    await cardPage.open('almost-reine');
    const progress = page.getByTestId('tier-progress');
    await expect(progress).toContainText('あと ¥3,000 で REINE');
    await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '94');
    await expect(page.getByTestId('tier-name')).toHaveText('REGULAR');
    await page.screenshot({ path: test.info().outputPath('almost-reine.png') });
  });

  test('points expiring this month: the warning on the card and the expiry list', async ({ cardPage, page }) => {
    await cardPage.open('expiring-soon');
    const endOfMonth = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      lastDayOfThisJstMonth(),
    );
    await expect(page.getByTestId('expiry-warning')).toHaveText(`200 pt が ${endOfMonth} に失効`);
    await expect(cardPage.pointsBalance).toHaveText(/500\s*pt/);

    await page.getByRole('link', { name: 'ポイント' }).click();
    await expect(page.getByTestId('points-overview-balance')).toContainText('500');
    await expect(page.getByRole('list', { name: '失効予定' }).getByRole('listitem').first()).toContainText(endOfMonth);
    await page.screenshot({ path: test.info().outputPath('points.png') });
  });

  test('the points history names stores and what each entry was, with the time, one group per month', async ({ cardPage, page }) => {
    await cardPage.open('almost-reine');
    await page.getByRole('link', { name: 'ポイント' }).click();
    // The latest purchase: ¥12,000 five days ago, at the store the personas shop in, with its time of day.
    const latest = page.getByTestId('points-history-row').filter({ hasText: '¥12,000' });
    await expect(latest).toContainText('お買い上げ');
    await expect(latest).toContainText('新宿店');
    await expect(latest).toContainText(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
    await expect(page.getByTestId('points-history-row').filter({ hasText: /shinjuku|seed|earn/ })).toHaveCount(0);
    // Purchases 400, 250, 90 and 5 days ago sit under at least four month headings.
    await expect(page.getByRole('list', { name: /^\d{4}年\d{1,2}月の履歴$/ }).first()).toBeVisible();
    expect(await page.getByRole('list', { name: /^\d{4}年\d{1,2}月の履歴$/ }).count()).toBeGreaterThanOrEqual(4);

    await page.evaluate(() => localStorage.setItem('mc-locale', JSON.stringify({ state: { locale: 'en' }, version: 0 })));
    await page.reload();
    await page.getByRole('link', { name: 'Points' }).click();
    const latestInEnglish = page.getByTestId('points-history-row').filter({ hasText: '¥12,000' });
    await expect(latestInEnglish).toContainText('Shinjuku');
    await expect(latestInEnglish).toContainText('Purchase of ¥12,000');
    await expect(page.getByRole('list', { name: /^History for [A-Z][a-z]+ \d{4}$/ }).first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('points-history.png'), fullPage: true });
  });

  test("in English the coupon shows the programme's English title and an English date", async ({ cardPage, page }) => {
    await page.addInitScript(() => localStorage.setItem('mc-locale', JSON.stringify({ state: { locale: 'en' }, version: 0 })));
    await cardPage.open('birthday-month');
    await page.getByTestId('coupon-count').click();
    const coupon = page.getByRole('link', { name: /Birthday: 10% off/ });
    await expect(coupon).toBeVisible();
    await expect(coupon).toContainText(/[A-Z][a-z]{2} \d{1,2}, \d{4}/);
    await expect(page.getByText('バースデー 10% OFF')).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('coupons-en.png') });
  });

  test('birthday this month: a greeting on the card leads to the birthday coupon, with its own scannable barcode and its terms', async ({ cardPage, page }) => {
    await cardPage.open('birthday-month');
    await expect(page.getByTestId('coupon-count')).toHaveText('使えるクーポン 1 枚');
    const greeting = page.getByTestId('birthday-greeting');
    await expect(greeting).toContainText('お誕生日月おめでとうございます');
    await expect(greeting).toContainText('バースデー 10% OFF');
    await greeting.getByRole('link', { name: 'クーポンを見る' }).click();
    await expect(page.getByRole('heading', { name: 'ご利用条件' })).toBeVisible();
    await page.getByRole('link', { name: /クーポン一覧へ/ }).click();
    await page.getByRole('link', { name: /バースデー 10% OFF/ }).click();
    await expect(page.getByTestId('coupon-status')).toHaveText('利用可能');
    const barcode = page.getByTestId('coupon-barcode');
    await expect(barcode).toBeVisible();
    const decoded = await decodeBarcodes(await barcode.screenshot());
    expect(decoded.map((r) => r.format)).toEqual(['Code128']);
    expect(decoded[0]?.text).toMatch(/^77\d{10}$/);
    await page.screenshot({ path: test.info().outputPath('coupon.png') });
  });

  test('nine stamps: one more purchase fills the card and issues the reward coupon', async ({ cardPage, page, request }) => {
    await cardPage.open('nine-stamps');
    await expect(page.getByTestId('stamp-preview')).toContainText('スタンプ 9/10');
    // The purchase goes through the clerk console's API, as at the register.
    const login = await request.post('/api/staff/session', { data: { username: 'clerk1', password: 'demo-1234' } });
    expect(login.status()).toBe(200);
    const purchase = await request.post('/api/staff/purchases', {
      headers: { 'idempotency-key': `e2e-nine-stamps-${Date.now()}` },
      data: { memberCode: '2900000000131', amountYen: 5_400, receiptId: `e2e-${Date.now()}` },
    });
    expect(purchase.status()).toBe(201);
    // The open card refetches on an interval: the shopper sees the result without reloading.
    await expect(page.getByTestId('stamp-preview')).toContainText('スタンプ 0/10', { timeout: 15_000 });
    await expect(page.getByTestId('coupon-count')).toHaveText('使えるクーポン 1 枚');
    await page.getByRole('link', { name: 'スタンプ', exact: true }).click();
    await expect(page.getByText('これまでに満了したカード 1 枚')).toBeVisible();
    // The stamp screen celebrates the full card and leads to its reward coupon.
    const celebration = page.getByTestId('stamp-celebration');
    await expect(celebration).toContainText('スタンプカードが満了しました');
    await expect(celebration).toContainText('スタンプ特典 ¥1,000 OFF');
    await page.screenshot({ path: test.info().outputPath('stamp-celebration.png') });
    await celebration.getByRole('link', { name: '特典クーポンを見る' }).click();
    await expect(page.getByRole('article', { name: 'スタンプ特典 ¥1,000 OFF' })).toBeVisible();
    await expect(page.getByTestId('coupon-status')).toHaveText('利用可能');
    await page.getByRole('link', { name: 'クーポン', exact: true }).click();
    await expect(page.getByRole('link', { name: /スタンプ特典 ¥1,000 OFF/ })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('coupons.png') });
  });

  test('a repeat open shows the cached card at once, marked offline when the BFF cannot be reached', async ({ cardPage, page }) => {
    await cardPage.open('with-points');
    const number = await cardPage.printedDigits();
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await expect(cardPage.barcode).toBeVisible();
    expect(await cardPage.printedDigits()).toBe(number);
    await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: test.info().outputPath('offline.png') });
  });

  test('a start that fails keeps the cached card on screen and says so in Japanese, with a retry', async ({ cardPage, page }) => {
    await cardPage.open('with-points');
    const number = await cardPage.printedDigits();
    await page.route('**/api/session', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal","message":"Internal Server Error"}}' }));
    await page.reload();
    await expect(page.getByRole('alert')).toContainText('カードを読み込めませんでした', { timeout: 5_000 });
    await expect(page.getByRole('button', { name: 'もう一度試す' })).toBeVisible();
    await expect(page.getByText('Internal Server Error')).toHaveCount(0);
    await expect(cardPage.barcode).toBeVisible();
    expect(await cardPage.printedDigits()).toBe(number);
    await page.screenshot({ path: test.info().outputPath('start-failed.png') });
  });

  test('a screen that cannot load says why in Japanese after one quick retry, and its retry works', async ({ cardPage, page }) => {
    await cardPage.open('with-points');
    let attempts = 0;
    let connected = false;
    await page.route('**/api/me/points', (route) => {
      attempts += 1;
      return connected ? route.continue() : route.abort('internetdisconnected');
    });
    await page.getByRole('link', { name: 'ポイント' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('通信できませんでした');
    // One retry, not three with back-off: the shopper is not left waiting seconds for an answer.
    expect(attempts).toBe(2);
    await expect(page.getByText(/Failed to fetch|TypeError/)).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('points-offline.png') });
    connected = true;
    await alert.getByRole('button', { name: 'もう一度試す' }).click();
    await expect(page.getByText('失効予定')).toBeVisible();
  });
});

function lastDayOfThisJstMonth(): Date {
  const jst = new Date(Date.now() + 9 * 3_600_000);
  return new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth() + 1, 0, 3));
}
