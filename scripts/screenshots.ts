// npm run screenshots [-- --port 4390 --out docs/screenshots]
//
// Regenerates the README's screenshots: builds the app in mock mode, starts the BFF on a throw-away
// PGlite with the seeded personas (exactly as the e2e suite does), and photographs the shopper's
// screens on a 390×844 phone in Japanese (and the card in English) and the clerk console on a
// register PC. Run it after changing a screen; commit the PNGs it writes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/chromium';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4390' },
    out: { type: 'string', default: 'docs/screenshots' },
  },
});
const baseUrl = `http://127.0.0.1:${values.port}`;
const outDir = values.out;

type Shot = {
  file: string;
  persona?: string;
  path: string;
  locale?: 'ja' | 'en';
  /** Waits until the screen shows what the picture is about. */
  ready: (page: Page) => Promise<void>;
};

const visible = (selector: string) => async (page: Page) => {
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 30_000 });
};
const heading = (name: RegExp) => async (page: Page) => {
  await page.getByRole('heading', { name }).first().waitFor({ state: 'visible', timeout: 30_000 });
};

const shopperShots: Shot[] = [
  { file: 'card-ja.png', persona: 'almost-reine', path: '/', ready: visible('[data-testid="points-balance"]') },
  { file: 'card-en.png', persona: 'almost-reine', path: '/', locale: 'en', ready: visible('[data-testid="points-balance"]') },
  { file: 'points-ja.png', persona: 'expiring-soon', path: '/points', ready: heading(/ポイント/) },
  { file: 'stamps-ja.png', persona: 'nine-stamps', path: '/stamps', ready: heading(/スタンプ/) },
  { file: 'coupons-ja.png', persona: 'birthday-month', path: '/coupons', ready: heading(/クーポン/) },
  { file: 'mypage-ja.png', persona: 'with-points', path: '/mypage', ready: heading(/マイページ/) },
  { file: 'profile-ja.png', persona: 'profile-newcomer', path: '/profile', ready: heading(/プロフィール/) },
  {
    // Below the card: the wallet button the development browser ('web') gets (Google Wallet; Apple Wallet is not configured here).
    file: 'wallet-ja.png',
    persona: 'with-points',
    path: '/',
    ready: async (page) => {
      const button = page.getByRole('button', { name: 'Google ウォレットに追加' });
      await button.waitFor({ state: 'visible', timeout: 30_000 });
      await button.scrollIntoViewIfNeeded();
    },
  },
  {
    file: 'spend-ja.png',
    persona: 'birthday-month',
    path: '/',
    ready: async (page) => {
      await page.getByRole('button', { name: 'ポイント・クーポンを使う' }).click();
      await page.getByText(/秒/).first().waitFor({ state: 'visible', timeout: 30_000 });
    },
  },
];

function startServer(): ChildProcess {
  const command =
    `node_modules/.bin/vite build --mode mock --outDir dist/screenshots --logLevel warn && ` +
    `node_modules/.bin/tsx src/server/main.ts`;
  return spawn('sh', ['-c', command], {
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: values.port,
      PGLITE_DIR: 'memory://',
      DATABASE_URL: '',
      STATIC_DIR: 'dist/screenshots',
      AUTH_MODE: 'dev',
    },
  });
}

async function waitForHealth() {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the BFF did not answer ${baseUrl}/api/health within 180 s`);
}

/** The dev-only persona picker is not part of the product a shopper sees. */
async function hidePersonaSwitcher(page: Page) {
  await page.locator('label:has(select)').filter({ hasText: /ペルソナ|Persona/ }).evaluateAll((labels) => {
    for (const label of labels) (label as HTMLElement).style.display = 'none';
  });
}

async function shootShopper(browser: Browser, shot: Shot) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: shot.locale === 'en' ? 'en-US' : 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  const page = await context.newPage();
  // The persona's card first (it creates the session), then the screen itself.
  await page.goto(`/?persona=${shot.persona}`);
  await page.locator('[data-testid="points-balance"]').waitFor({ state: 'visible', timeout: 60_000 });
  if (shot.locale === 'en') {
    await page.getByRole('button', { name: /English/ }).click();
  }
  if (shot.path !== '/') await page.goto(shot.path);
  await shot.ready(page);
  await page.waitForLoadState('networkidle');
  await hidePersonaSwitcher(page);
  await page.screenshot({ path: join(outDir, shot.file) });
  await context.close();
  console.log(`wrote ${join(outDir, shot.file)}`);
}

async function shootClerk(browser: Browser) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  await page.goto('/clerk/');
  await page.getByLabel('スタッフID').fill('clerk1');
  await page.getByLabel('パスワード').fill('demo-1234');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByTestId('staff-whoami').waitFor({ state: 'visible' });
  const scan = page.getByLabel('会員コード');
  await scan.focus();
  await page.keyboard.type('2900000000209', { delay: 8 }); // persona at-the-register, as a wedge scanner types it
  await page.keyboard.press('Enter');
  await page.getByTestId('member-name').waitFor({ state: 'visible' });
  await page.screenshot({ path: join(outDir, 'clerk-console.png') });
  await context.close();
  console.log(`wrote ${join(outDir, 'clerk-console.png')}`);
}

await mkdir(outDir, { recursive: true });
const server = startServer();
const stopServer = () => {
  if (server.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
};
process.on('exit', stopServer);
try {
  await waitForHealth();
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    for (const shot of shopperShots) await shootShopper(browser, shot);
    await shootClerk(browser);
  } finally {
    await browser.close();
  }
} finally {
  stopServer();
}
