import { decodeBarcodes } from './support/decode-barcode';
import { expect, test } from './fixtures';

test.describe('member card', () => {
  test('a member with points sees the card, and its barcode scans to the digits printed under it', async ({ cardPage, page }) => {
    await cardPage.open('with-points');
    await expect(cardPage.pointsBalance).toHaveText(/1,280\s*pt/);
    await expect(page.getByTestId('tier-name')).toHaveText('REGULAR');

    const printed = await cardPage.printedDigits();
    expect(printed).toMatch(/^\d{13}$/);
    const decoded = await decodeBarcodes(await cardPage.barcode.screenshot());
    expect(decoded.map((r) => [r.format, r.text])).toEqual([['EAN13', printed]]);
  });

  test('a first open registers the member at once (ID-first) and keeps the same number on reopening', async ({ cardPage, page }) => {
    await cardPage.open('new-member');
    await expect(cardPage.pointsBalance).toHaveText(/^0\s*pt/);
    const number = await cardPage.printedDigits();
    const decoded = await decodeBarcodes(await cardPage.barcode.screenshot());
    expect(decoded[0]?.text).toBe(number);

    await page.reload();
    await expect(cardPage.barcode).toBeVisible();
    expect(await cardPage.printedDigits()).toBe(number);
  });

  test('a repeat open paints the last card before any script module runs, scannable, within the CSP', async ({ cardPage, page }) => {
    await cardPage.open('with-points');
    await expect(cardPage.pointsBalance).toHaveText(/1,280\s*pt/);
    const number = await cardPage.printedDigits();
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    // No JavaScript file and no API answer: only index.html's inline boot paint can draw the card.
    await page.route('**/*.js', (route) => route.abort());
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await expect(cardPage.barcode).toBeVisible();
    expect(await cardPage.printedDigits()).toBe(number);
    await expect(page.getByText(/1,280\s*pt/)).toBeVisible();
    const decoded = await decodeBarcodes(await cardPage.barcode.screenshot());
    expect(decoded.map((r) => [r.format, r.text])).toEqual([['EAN13', number]]);
    expect(cspViolations).toEqual([]);
    // Painted in the brand's colours, like the card the app draws.
    expect(await page.locator('#root article > div').first().evaluate((band) => getComputedStyle(band).backgroundColor)).toBe('rgb(28, 25, 23)');
    await page.screenshot({ path: test.info().outputPath('boot-paint.png') });
  });

  test.describe('with the app shell kept by the service worker', () => {
    test.use({ serviceWorkers: 'allow' });

    test('a repeat open with no network at all still shows the last card, scannable; the worker keeps no API answer', async ({ cardPage, page, context }) => {
      await cardPage.open('with-points');
      await expect(cardPage.pointsBalance).toHaveText(/1,280\s*pt/);
      const number = await cardPage.printedDigits();
      // Installed once the card is up, then in control of this page.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
      const kept = await page.evaluate(async () => {
        const urls: string[] = [];
        for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        return urls;
      });
      expect(kept).toContain('/');
      expect(kept.filter((path) => path !== '/' && !path.startsWith('/assets/'))).toEqual([]);

      await context.setOffline(true);
      await page.reload();
      await expect(cardPage.barcode).toBeVisible();
      expect(await cardPage.printedDigits()).toBe(number);
      await expect(page.getByText(/1,280\s*pt/).first()).toBeVisible();
      const decoded = await decodeBarcodes(await cardPage.barcode.screenshot());
      expect(decoded.map((r) => [r.format, r.text])).toEqual([['EAN13', number]]);
      await context.setOffline(false);
    });
  });

  test('the tier is said once, on the band in the brand’s colours, and points lost this month are flagged', async ({ cardPage, page }) => {
    await cardPage.open('expiring-soon');
    const card = page.getByRole('region', { name: '会員証' });
    await expect(card.getByText('REGULAR', { exact: true })).toHaveCount(1);
    const band = page.getByTestId('card-band');
    expect(await band.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color])).toEqual(['rgb(28, 25, 23)', 'rgb(255, 255, 255)']);
    const notice = page.locator('[data-urgency]');
    await expect(notice).toHaveAttribute('data-urgency', 'this-month');
    await expect(notice).toContainText('今月失効');
    await expect(page.getByTestId('expiry-warning')).toContainText('200 pt');
  });

  test('the boot paint refuses anything but barcode shapes from storage', async ({ cardPage, page }) => {
    await cardPage.open('with-points');
    await page.evaluate(() => {
      const paint = JSON.parse(localStorage.getItem('mc-boot-paint')!);
      paint.barcodeSvg = paint.barcodeSvg.replace('</svg>', '<foreignObject><img src="x" onerror="window.__pwned=1"></foreignObject></svg>');
      localStorage.setItem('mc-boot-paint', JSON.stringify(paint));
    });
    await page.route('**/*.js', (route) => route.abort());
    await page.reload();
    await expect(page.locator('#root')).toBeEmpty();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  test('the card is drawn at its natural size on whole device pixels, with white quiet zones', async ({ cardPage }) => {
    await cardPage.open('with-points');
    const box = await cardPage.barcode.evaluate((svg) => {
      const rect = svg.getBoundingClientRect();
      const firstBar = svg.querySelector('g rect');
      return { width: rect.width, attribute: svg.getAttribute('width'), left: rect.left, right: window.innerWidth - rect.right, firstBarWidth: Number(firstBar?.getAttribute('width')) };
    });
    expect(`${box.width}px`).toBe(box.attribute); // never stretched by CSS
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeGreaterThanOrEqual(0);
    expect(box.firstBarWidth * 3).toBe(Math.round(box.firstBarWidth * 3)); // whole device pixels at DPR 3
  });

  test('「ポイント・クーポンを使う」 swaps the barcode for the spend code in place, above the fold, with a countdown; it decodes, and the card comes back', async ({ cardPage, page }) => {
    await cardPage.open('with-points');
    const printed = await cardPage.printedDigits();
    const barcodeTop = (await cardPage.barcode.boundingBox())!.y;
    const start = page.getByRole('button', { name: 'ポイント・クーポンを使う' });
    await page.screenshot({ path: test.info().outputPath('card-mode.png') });
    const startBox = (await start.boundingBox())!;
    expect(startBox.y + startBox.height).toBeLessThanOrEqual(844 - 64); // above the tab bar, no scrolling

    await start.click();
    const code = page.getByRole('img', { name: /ポイント・クーポン利用コード/ });
    await expect(code).toBeVisible();
    await expect(cardPage.barcode).toHaveCount(0); // in place of the member barcode, not beside it
    const box = (await code.boundingBox())!;
    expect(Math.abs(box.y - barcodeTop)).toBeLessThan(40);
    expect(box.y + box.height).toBeLessThanOrEqual(844 - 64);
    const value = (await code.getAttribute('data-value'))!;
    expect(value).toMatch(new RegExp(`^${printed}\\d{7}$`));
    const decoded = await decodeBarcodes(await code.screenshot());
    expect(decoded.map((r) => [r.format, r.text])).toEqual([['Code128', value]]);

    const countdown = page.getByTestId('spend-countdown');
    await expect(countdown).toHaveText(/あと \d+ 秒で新しいコードに変わります/);
    const first = Number((await countdown.textContent())!.match(/\d+/)![0]);
    await expect.poll(async () => Number((await countdown.textContent())!.match(/\d+/)![0]), { timeout: 5_000 }).not.toBe(first);
    // The ticking seconds are not a live region: a screen reader hears only the renewal.
    await expect(countdown).not.toHaveAttribute('aria-live');
    await expect(page.locator('[aria-live]').filter({ hasText: /秒/ })).toHaveCount(0);
    await expect(page.getByTestId('spend-announcement')).toHaveText('');
    await page.screenshot({ path: test.info().outputPath('spend-mode.png') });

    await page.getByRole('button', { name: '会員証に戻る' }).click();
    await expect(cardPage.barcode).toBeVisible();
    expect(await cardPage.printedDigits()).toBe(printed);
    await expect(start).toBeFocused();
  });

  test('the spend code renews when its time is up, and only then tells a screen reader', async ({ cardPage, page }) => {
    // Up to one whole 30 s code period of waiting on top of opening the card: more than the default 30 s.
    test.setTimeout(75_000);
    await cardPage.open('with-points');
    await page.getByRole('button', { name: 'ポイント・クーポンを使う' }).click();
    const code = page.getByTestId('rotating-code');
    await expect(code).toBeVisible();
    const before = await code.getAttribute('data-value');
    await expect(page.getByTestId('spend-announcement')).toHaveText('');
    // Codes change every 30 s of the BFF's clock: wait for the next one.
    await expect(code).not.toHaveAttribute('data-value', before!, { timeout: 35_000 });
    await expect(page.getByTestId('spend-announcement')).toHaveText('新しいコードに変わりました');
  });

  test('the shopper can switch the card to English and back', async ({ cardPage, page }) => {
    await cardPage.open('with-points');
    await expect(page.getByText('保有ポイント')).toBeVisible();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('region', { name: 'Member card' }).getByText('Points', { exact: true })).toBeVisible();
    await expect(cardPage.barcode).toHaveAccessibleName(/Member barcode \d{13}/);
    await page.getByRole('button', { name: '日本語' }).click();
    await expect(page.getByText('保有ポイント')).toBeVisible();
  });

  test('the persona switcher acts as another seeded persona', async ({ cardPage, page }) => {
    await cardPage.open('with-points');
    const before = await cardPage.printedDigits();
    await page.getByLabel('ペルソナ（開発用）').selectOption('new-member');
    await expect(cardPage.pointsBalance).toHaveText(/^0\s*pt/);
    expect(await cardPage.printedDigits()).not.toBe(before);
  });
});
