import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

type SpiedWindow = { liff: { closeWindow: () => void }; closeWindowCalls: number };

/** Every visible control smaller than 44 × 44 px (a checkbox or radio is measured by its label). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('a, button, input, select, textarea, [role="button"]')) {
      const input = element instanceof HTMLInputElement ? element : null;
      if (input?.type === 'hidden') continue;
      const target = input && (input.type === 'checkbox' || input.type === 'radio') ? (input.labels?.[0] ?? input) : element;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not rendered
      if (getComputedStyle(element).visibility === 'hidden') continue;
      if (box.width < 44 - 0.01 || box.height < 44 - 0.01) {
        const labelled = 'labels' in element ? (element as HTMLInputElement).labels?.[0]?.textContent : null;
        const name = (element.getAttribute('aria-label') ?? labelled ?? element.textContent ?? '').trim().slice(0, 40);
        small.push(`${element.tagName.toLowerCase()}${input ? `[${input.type}]` : ''} "${name}" ${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
      }
    }
    return small;
  });
}

test.describe('my page: linked card, withdrawal, tap targets', () => {
  test('unlinking asks in the app: Escape and キャンセル keep the link, 解除する unlinks and no "linked" banner stays', async ({ cardPage, page }) => {
    const nativeDialogs: string[] = [];
    page.on('dialog', (dialog) => {
      nativeDialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await cardPage.open('web-member');
    await page.getByTestId('link-entry').click();
    await page.getByLabel('会員番号').fill('1000000024');
    await page.getByRole('textbox', { name: '生年月日' }).fill('1990-11-03');
    await page.getByRole('button', { name: '連携する' }).click();
    await expect(page.getByTestId('link-result')).toHaveText('連携しました。引き継いだポイント 420 pt・連携特典 300 pt');

    const unlink = page.getByRole('button', { name: '連携を解除する' });
    const dialog = page.getByRole('alertdialog', { name: '連携を解除しますか？' });
    await unlink.click();
    await expect(dialog).toContainText('会員番号 1000000024 との連携を解除します');
    await expect(dialog.getByRole('button', { name: 'キャンセル' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(unlink).toBeFocused();
    await unlink.click();
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('linked-number')).toContainText('1000000024');

    await unlink.click();
    await dialog.getByRole('button', { name: '解除する' }).click();
    await expect(page.getByTestId('unlink-result')).toHaveText('連携を解除しました');
    await expect(page.getByLabel('会員番号')).toBeVisible();
    await expect(page.getByTestId('link-result')).toHaveCount(0);
    await expect(page.getByText(/連携しました/)).toHaveCount(0);

    // My page says so too, with the way to link again; the points moved over stay on the card.
    await page.getByRole('link', { name: 'マイページ' }).click();
    const linkedCard = page.getByRole('region', { name: '会員カードの連携' });
    await expect(linkedCard).toContainText('紙の会員カード・Web会員は連携されていません');
    await expect(linkedCard.getByRole('link', { name: /会員カードを連携する/ })).toBeVisible();
    await page.getByRole('link', { name: 'カード', exact: true }).click();
    await expect(cardPage.pointsBalance).toHaveText(/720\s*pt/);
    expect(nativeDialogs).toEqual([]);
  });

  test('withdrawal from マイページ asks in the app, clears the phone, closes the LINE window, and registers no one until asked', async ({ cardPage, page }) => {
    const nativeDialogs: string[] = [];
    page.on('dialog', (dialog) => {
      nativeDialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await cardPage.open('leaving-member');
    await expect(cardPage.pointsBalance).toHaveText(/300\s*pt/);
    const oldNumber = await cardPage.printedDigits();
    // liff.closeWindow has no visible effect in a browser: count the calls instead.
    await page.evaluate(() => {
      const spied = window as unknown as SpiedWindow;
      spied.closeWindowCalls = 0;
      spied.liff.closeWindow = () => void (spied.closeWindowCalls += 1);
    });

    await page.getByRole('link', { name: 'マイページ' }).click();
    await expect(page.getByRole('heading', { name: 'マイページ' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'マイページ' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('profile-summary').getByRole('link', { name: /プロフィールを登録する/ })).toHaveAttribute('href', '/profile');
    await expect(page.getByTestId('friendship-status')).toContainText('公式アカウントと友だちです');

    const withdraw = page.getByRole('button', { name: '退会する' });
    const dialog = page.getByRole('alertdialog', { name: '退会しますか？' });
    await withdraw.click();
    await expect(dialog).toContainText('保有ポイント 300 pt と使えるクーポン 0 枚は失効し、元に戻せません。');
    // Focus starts on the safe choice and stays in the dialog.
    const cancel = dialog.getByRole('button', { name: 'キャンセル' });
    const confirm = dialog.getByRole('button', { name: '退会する' });
    await expect(cancel).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(confirm).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(cancel).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(confirm).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(withdraw).toBeFocused();

    await withdraw.click();
    await confirm.click();
    await expect(page.getByRole('status').filter({ hasText: '退会手続きが完了しました' })).toBeVisible();
    await expect(page.getByRole('navigation')).toHaveCount(0);
    expect(await page.evaluate(() => [localStorage.getItem('mc-last-card'), localStorage.getItem('mc-boot-paint')])).toEqual([null, null]);
    await expect.poll(() => page.evaluate(() => (window as unknown as SpiedWindow).closeWindowCalls)).toBe(1);

    // Back, or a reload of this tab, shows the goodbye again: no session call, so no new member.
    const sessionCalls: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/session') sessionCalls.push(request.url());
    });
    await page.goBack();
    await expect(page.getByTestId('goodbye')).toBeVisible();
    await expect(cardPage.barcode).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('goodbye')).toBeVisible();
    expect(sessionCalls).toEqual([]);

    // Only the boot paint could draw a card before the app: with no module script and no API, nothing.
    await page.route('**/*.js', (route) => route.abort());
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.goto('/');
    await expect(page.locator('#root')).toBeEmpty();
    await page.unrouteAll();

    // Registering again is the shopper's explicit choice: a new member, a new number, no old points.
    await page.goto('/');
    await page.getByRole('button', { name: '新しく会員登録する' }).click();
    await expect(cardPage.pointsBalance).toHaveText(/^0\s*pt/);
    expect(await cardPage.printedDigits()).not.toBe(oldNumber);
    expect(sessionCalls).toHaveLength(1);
    expect(nativeDialogs).toEqual([]);
  });

  test('the LINE e-receipt can be turned off in マイページ, and stays off', async ({ cardPage, page }) => {
    await cardPage.open('with-points');
    await page.getByRole('link', { name: 'マイページ' }).click();
    const receipts = page.getByRole('switch', { name: 'お買い物のたびに LINE でレシートを受け取る' });
    await expect(receipts).toBeChecked();
    await receipts.click({ force: true }); // the switch's input is visually hidden; its label is the target
    await expect(receipts).not.toBeChecked();
    await expect.poll(async () => (await (await page.request.get('/api/me/message-preferences')).json()) as unknown).toEqual({ purchaseReceipts: false });
    await page.reload();
    await expect(page.getByRole('switch', { name: 'お買い物のたびに LINE でレシートを受け取る' })).not.toBeChecked();
    await page.getByText('お買い物のたびに LINE でレシートを受け取る').click();
    await expect(page.getByRole('switch', { name: 'お買い物のたびに LINE でレシートを受け取る' })).toBeChecked();
  });

  test('a first open shows the card outline where the card will be, instead of an empty page', async ({ cardPage, page }) => {
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/session', async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    await page.goto('/?persona=with-points');
    const outline = page.getByTestId('card-skeleton-barcode');
    await expect(outline).toBeVisible();
    const outlineTop = (await outline.boundingBox())!.y;
    answer();
    await expect(cardPage.barcode).toBeVisible();
    await expect(page.getByTestId('card-skeleton')).toHaveCount(0);
    // The barcode lands where its outline was: nothing jumps.
    expect(Math.abs((await cardPage.barcode.boundingBox())!.y - outlineTop)).toBeLessThanOrEqual(1);
  });

  test('every tap target on the shopper screens is at least 44 × 44 px', async ({ cardPage, page }) => {
    const screens: Record<string, string[]> = {};
    await cardPage.open('birthday-month');
    await expect(page.getByTestId('link-entry')).toBeVisible();
    screens.card = await smallTargets(page);

    await page.getByRole('button', { name: 'ポイント・クーポンを使う' }).click();
    await expect(page.getByTestId('rotating-code')).toBeVisible();
    screens['card with the spend code'] = await smallTargets(page);
    await page.getByRole('button', { name: '会員証に戻る' }).click();

    await page.getByRole('link', { name: 'ポイント' }).click();
    await expect(page.getByTestId('points-overview-balance')).toBeVisible();
    screens.points = await smallTargets(page);

    await page.getByRole('link', { name: 'スタンプ' }).click();
    await expect(page.getByTestId('stamp-progress')).toBeVisible();
    screens.stamps = await smallTargets(page);

    await page.getByRole('link', { name: 'クーポン' }).click();
    await expect(page.getByRole('heading', { name: 'クーポン' })).toBeVisible();
    screens.coupons = await smallTargets(page);

    await page.getByRole('link', { name: /バースデー/ }).first().click();
    await expect(page.getByTestId('coupon-status')).toBeVisible();
    screens['coupon detail'] = await smallTargets(page);

    await page.getByRole('link', { name: 'マイページ' }).click();
    await expect(page.getByTestId('friendship-status')).toBeVisible();
    await expect(page.getByTestId('profile-summary')).toBeVisible();
    screens.mypage = await smallTargets(page);

    await page.getByRole('button', { name: '退会する' }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    screens['withdrawal dialog'] = await smallTargets(page);
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: '利用規約' }).click();
    await expect(page.getByRole('heading', { name: '利用規約' })).toBeVisible();
    screens.terms = await smallTargets(page);

    await page.goto('/profile');
    await expect(page.getByRole('heading', { name: 'プロフィール登録' })).toBeVisible();
    screens.profile = await smallTargets(page);

    await page.goto('/link');
    await expect(page.getByRole('heading', { name: '会員カードの連携' })).toBeVisible();
    screens.link = await smallTargets(page);

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Link your member card' })).toBeVisible();
    screens['link in English'] = await smallTargets(page);

    expect(screens).toEqual(Object.fromEntries(Object.keys(screens).map((name) => [name, []])));
  });
});
