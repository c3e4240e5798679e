import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/support/chromium';
import { startBff } from '../../src/server/testing/bff-process';

/**
 * Time to barcode in Chromium under CDP throttling (4× CPU slowdown, Lighthouse's slow 4G:
 * 150 ms RTT, 1.6 Mbps down, 750 kbps up): from navigation start to the frame after the member
 * barcode's bars are in the DOM. First open: a fresh profile (no HTTP cache, no cached card).
 * Repeat open: the same profile opened again (cached assets and the locally cached card).
 */

export type TimeToBarcode = { firstOpenMs: number[]; repeatOpenMs: number[] };

const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

const RECORD_PAINT = `
  (() => {
    const done = () => requestAnimationFrame(() => setTimeout(() => { window.__barcodePaintedAt = performance.now(); }, 0));
    const seen = () => document.querySelector('svg[data-testid="member-barcode"] rect');
    const observer = new MutationObserver(() => { if (seen()) { observer.disconnect(); done(); } });
    document.addEventListener('DOMContentLoaded', () => { if (seen()) done(); else observer.observe(document.body, { childList: true, subtree: true }); });
  })();
`;

async function openOnce(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(RECORD_PAINT);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __barcodePaintedAt?: number }).__barcodePaintedAt !== undefined, null, {
    timeout: 60_000,
  });
  const ms = await page.evaluate(() => (window as unknown as { __barcodePaintedAt: number }).__barcodePaintedAt);
  await page.close();
  return ms;
}

export async function measureTimeToBarcode(runs: number): Promise<TimeToBarcode> {
  await build({ configFile: 'vite.config.ts', mode: 'mock', logLevel: 'silent', build: { outDir: 'dist/bench-mock', emptyOutDir: true, sourcemap: false } });
  const bff = await startBff({ PGLITE_DIR: 'memory://', STATIC_DIR: 'dist/bench-mock', SEED_PERSONAS: 'true' });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    const url = `${bff.baseUrl}/?persona=with-points`;
    const result: TimeToBarcode = { firstOpenMs: [], repeatOpenMs: [] };
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
      result.firstOpenMs.push(await openOnce(context, url));
      result.repeatOpenMs.push(await openOnce(context, url));
      await context.close();
    }
    return result;
  } finally {
    await browser?.close();
    await bff.stop();
  }
}
