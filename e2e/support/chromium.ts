import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Debian's Chromium runs as root in CI containers only with these flags, and stays off the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Finds a browser by itself: CHROMIUM_PATH, then Debian's /usr/bin/chromium, then the one
 * `npx playwright install chromium` downloads. `undefined` means "Playwright's own".
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    // Playwright throws when it has no browser of its own: handled below.
  }
  if (bundled && existsSync(bundled)) return undefined;
  throw new Error(
    [
      'No Chromium found for the e2e tests. Install one of:',
      '  Debian/Ubuntu:  sudo apt-get install -y chromium        (gives /usr/bin/chromium)',
      "  Playwright's:   npx playwright install chromium",
      '  or point CHROMIUM_PATH at any Chromium/Chrome binary.',
    ].join('\n'),
  );
}
