import { test as base, expect, type Page } from '@playwright/test';

/** The shopper's card screen as a page object. */
export class CardPage {
  constructor(readonly page: Page) {}

  /**
   * Opens the card and waits for the whole app: the card-first view (and a repeat open's cached card)
   * is replaced by the app's own card once the rest of the app has loaded, in one commit, so an
   * element taken from the first one may be detached a moment later. The spend button comes only
   * with the app's card.
   */
  async open(personaId: string) {
    await this.page.goto(`/?persona=${personaId}`);
    await expect(this.barcode).toBeVisible();
    await expect(this.spendButton).toBeVisible();
  }

  get spendButton() {
    return this.page.getByRole('button', { name: /ポイント・クーポンを使う|Use points or coupons/ });
  }

  get barcode() {
    return this.page.getByRole('img', { name: /会員バーコード|Member barcode/ });
  }

  get pointsBalance() {
    return this.page.getByTestId('points-balance');
  }

  /** The digits JsBarcode printed under the bars, read from the SVG as a person reads them. */
  async printedDigits(): Promise<string> {
    const parts = await this.barcode.locator('text').allTextContents();
    return parts.join('').replace(/\s/g, '');
  }
}

export const test = base.extend<{ cardPage: CardPage }>({
  cardPage: async ({ page }, use) => {
    await use(new CardPage(page));
  },
});

export { expect };
