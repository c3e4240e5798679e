import { expect, test } from './fixtures';

/** Start-up and LINE MINI App readiness: the mocked LIFF browser acts as each persona's LINE client. */
test.describe('start-up and LINE MINI App', () => {
  test('opened while the BFF is still starting, the page says so, waits and then shows the card', async ({ cardPage, page }) => {
    // What `npm run dev` on a fresh clone looks like: Vite's proxy answers 502 until the BFF listens,
    // then the BFF answers 503 until it has migrated and seeded.
    let refused = 0;
    await page.route('**/dev/id-token', async (route) => {
      if (refused++ < 2) return route.fulfill({ status: 502, contentType: 'text/plain', body: '' });
      return route.continue();
    });
    let starting = 0;
    await page.route('**/api/session', async (route) => {
      if (route.request().method() === 'POST' && starting++ < 1) {
        return route.fulfill({ status: 503, headers: { 'retry-after': '1' }, json: { error: { code: 'starting', message: 'starting' } } });
      }
      return route.continue();
    });
    const cardRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/me/')) cardRequests.push(`${starting}`);
    });
    const unauthorized: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 401) unauthorized.push(response.url());
    });

    await page.goto('/?persona=with-points');
    await expect(page.getByTestId('starting-notice')).toContainText('準備中です…');
    await expect(cardPage.barcode).toBeVisible({ timeout: 15_000 });
    await expect(cardPage.pointsBalance).toHaveText(/1,280\s*pt/);
    expect(refused).toBeGreaterThanOrEqual(3);
    // No /api/me request went out before the session existed (each would have been a 401).
    expect(cardRequests.length).toBeGreaterThan(0);
    expect(cardRequests.every((sessionCalls) => sessionCalls === '2')).toBe(true);
    expect(unauthorized).toEqual([]);
  });

  test('"add to home screen" is offered in a verified MINI App and nowhere else', async ({ cardPage, page }) => {
    await cardPage.open('verified-mini-app');
    const add = page.getByRole('button', { name: 'ホーム画面に追加' });
    await expect(add).toBeVisible();
    await add.click();
    await expect(page.getByText('ホーム画面に追加しました')).toBeVisible();

    await cardPage.open('with-points');
    await expect(cardPage.pointsBalance).toBeVisible();
    await expect(page.getByRole('button', { name: 'ホーム画面に追加' })).toHaveCount(0);
  });

  test('a shopper who is not a friend of the Official Account is offered to add it, and the BFF hears both answers', async ({ cardPage, page }) => {
    const reports: unknown[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/me/line-friendship') reports.push(request.postDataJSON());
    });
    await cardPage.open('non-friend');
    const prompt = page.getByTestId('friendship-prompt');
    await expect(prompt.getByRole('heading', { name: '公式アカウントを友だち追加' })).toBeVisible();
    await prompt.getByRole('button', { name: '友だち追加する' }).click();
    await expect(page.getByText('友だち追加ありがとうございます')).toBeVisible();
    await expect.poll(() => reports).toEqual([{ friend: false }, { friend: true }]);

    // A friend sees no prompt.
    await cardPage.open('with-points');
    await expect(cardPage.pointsBalance).toBeVisible();
    await expect(page.getByTestId('friendship-prompt')).toHaveCount(0);
  });

  test('a permanent link arrives as liff.state and lands on its screen: the coupon, the points', async ({ cardPage, page }) => {
    await cardPage.open('birthday-month');
    const { coupons } = (await (await page.request.get('/api/me/coupons')).json()) as { coupons: Array<{ id: string; title: { ja: string; en: string } }> };
    const coupon = coupons[0]!;

    await page.goto(`/?liff.state=${encodeURIComponent(`/coupons/${coupon.id}`)}`);
    await expect(page.getByRole('article', { name: coupon.title.ja })).toBeVisible();
    await expect(page.getByRole('img', { name: /クーポンバーコード/ })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/coupons/${coupon.id}$`));

    await page.goto(`/?persona=expiring-soon&liff.state=${encodeURIComponent('/points')}`);
    await expect(page.getByRole('heading', { name: '失効予定' })).toBeVisible();
    await expect(page).toHaveURL(/\/points\?persona=expiring-soon$/);
  });

  test('outside the LINE client the page offers to open the card in LINE, or to log in here', async ({ cardPage, page }) => {
    await page.goto('/?persona=outside-line');
    await expect(page.getByRole('heading', { name: 'LINE で開いてください' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'LINE で開く' })).toHaveAttribute('href', 'https://miniapp.line.me/dev-liff-id');
    await page.getByRole('button', { name: 'このブラウザで LINE にログインして開く' }).click();
    await expect(cardPage.barcode).toBeVisible();
    await expect(cardPage.pointsBalance).toHaveText(/100\s*pt/);
  });
});
