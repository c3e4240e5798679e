import { test as base, expect, type Page } from '@playwright/test';

/** The shopper's card screen as a page object. */
export class CardPage {
  constructor(readonly page: Page) {}

  async open(personaId: string) {
    await this.page.goto(`/?persona=${personaId}`);
    await expect(this.barcode).toBeVisible();
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
