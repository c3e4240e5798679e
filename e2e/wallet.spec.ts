import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

type Os = 'ios' | 'android' | 'web';
type SpiedWindow = { liff: { openWindow: (params: { url: string; external?: boolean }) => void }; openedWindows: Array<{ url: string; external?: boolean }> };

/** The mocked LIFF browser runs on `os` (liff.getOS); the BFF's answer on Apple Wallet may be overridden (a brand without it). */
async function onPhone(page: Page, os: Os, options: { apple?: boolean } = {}) {
  await page.route('**/dev/id-token', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { liffClient: Record<string, unknown> };
    await route.fulfill({ response, json: { ...body, liffClient: { ...body.liffClient, os } } });
  });
  if (options.apple !== undefined) {
    // The e2e BFF offers both wallets (development's stand-ins): a brand's other choice is simulated here.
    await page.route('**/api/me/wallets', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...((await response.json()) as object), apple: options.apple } });
    });
  }
}

const appleButton = (page: Page) => page.getByRole('button', { name: 'Apple Walletに追加' });
const googleButton = (page: Page) => page.getByRole('button', { name: 'Google ウォレットに追加' });

/** The JWT's claims, read as Google reads them (the signature is checked in the BFF's tests). */
function claimsOf(saveUrl: string) {
  const jwt = saveUrl.slice('https://pay.google.com/gp/v/save/'.length);
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as {
    typ: string;
    payload: { loyaltyObjects: Array<{ barcode: { type: string; value: string }; loyaltyPoints: { balance: { int: number } } }> };
  };
}

test.describe('wallet buttons on the card', () => {
  test('an Android phone gets 「Google ウォレットに追加」, which opens the signed save link outside LINE with this card in it', async ({ cardPage, page }) => {
    await onPhone(page, 'android', { apple: true });
    await cardPage.open('with-points');
    await expect(googleButton(page)).toBeVisible();
    await expect(appleButton(page)).toHaveCount(0);

    // An external window has no visible effect in the mocked browser: record what LIFF was asked to open.
    await page.evaluate(() => {
      const spied = window as unknown as SpiedWindow;
      spied.openedWindows = [];
      spied.liff.openWindow = (params) => void spied.openedWindows.push(params);
    });
    await googleButton(page).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as SpiedWindow).openedWindows.length)).toBe(1);
    const [opened] = await page.evaluate(() => (window as unknown as SpiedWindow).openedWindows);
    expect(opened!.external).toBe(true);
    expect(opened!.url).toMatch(/^https:\/\/pay\.google\.com\/gp\/v\/save\/[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = claimsOf(opened!.url);
    expect(claims.typ).toBe('savetowallet');
    const [object] = claims.payload.loyaltyObjects;
    expect(object!.barcode).toEqual(expect.objectContaining({ type: 'CODE_128', value: await cardPage.printedDigits() }));
    expect(String(object!.loyaltyPoints.balance.int)).toBe((await cardPage.pointsBalance.textContent())!.replace(/\D/g, ''));
  });

  test('an iPhone gets 「Apple Walletに追加」, which opens the signed .pkpass download outside LINE, never the Google button, and nothing when the brand has no Apple Wallet', async ({ cardPage, page }) => {
    await onPhone(page, 'ios', { apple: false });
    const offered = page.waitForResponse('**/api/me/wallets');
    await cardPage.open('with-points');
    // Once the BFF has said Apple Wallet is not offered, an iPhone shows no wallet button at all.
    expect(await (await offered).json()).toEqual({ apple: false, google: true });
    await expect(page.getByRole('button', { name: 'Use points or coupons' }).or(page.getByRole('button', { name: 'ポイント・クーポンを使う' }))).toBeVisible();
    await expect(page.getByText('ウォレットの会員証はポイントをためるときに使えます', { exact: false })).toHaveCount(0);
    await expect(googleButton(page)).toHaveCount(0);
    await expect(appleButton(page)).toHaveCount(0);

    await page.unrouteAll({ behavior: 'wait' });
    await onPhone(page, 'ios');
    await cardPage.open('with-points');
    await expect(appleButton(page)).toBeVisible();
    await expect(googleButton(page)).toHaveCount(0);
    await page.evaluate(() => {
      const spied = window as unknown as SpiedWindow;
      spied.openedWindows = [];
      spied.liff.openWindow = (params) => void spied.openedWindows.push(params);
    });
    await appleButton(page).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as SpiedWindow).openedWindows.length)).toBe(1);
    const [opened] = await page.evaluate(() => (window as unknown as SpiedWindow).openedWindows);
    expect(opened!.external).toBe(true);
    expect(opened!.url).toMatch(/\/wallet\/apple\/download\/[\w-]+\.[\w-]+\.[\w-]+$/);
    // Safari, with no session, downloads the signed pass from that link (its contents are checked in the BFF's tests).
    const pass = await page.request.get(opened!.url);
    expect(pass.status()).toBe(200);
    expect(pass.headers()['content-type']).toBe('application/vnd.apple.pkpass');
    expect((await pass.body()).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  test('a desktop browser (development) sees every offered wallet, in English too', async ({ cardPage, page }) => {
    await onPhone(page, 'web', { apple: true });
    await cardPage.open('with-points');
    await expect(appleButton(page)).toBeVisible();
    await expect(googleButton(page)).toBeVisible();
    // Both at least 48 px high, as the badge rules ask.
    for (const button of [appleButton(page), googleButton(page)]) expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('button', { name: 'Add to Apple Wallet' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add to Google Wallet' })).toBeVisible();
    if (process.env.WALLET_SCREENSHOT) await page.screenshot({ path: process.env.WALLET_SCREENSHOT, fullPage: true });
  });
});
