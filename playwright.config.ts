import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './e2e/support/chromium';

const PORT = Number(process.env.E2E_PORT ?? 4310);
export const E2E_BASE_URL = `http://127.0.0.1:${PORT}`;
/** The mock Messaging API the BFF's in-process job runner sends to (segment sends, pushes); specs read what it recorded. */
export const E2E_LINE_API_URL = `http://127.0.0.1:${PORT + 1}`;
const E2E_LINE_TOKEN = 'e2e-channel-access-token';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: E2E_BASE_URL,
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    // page.route cannot see what a service worker answers: the specs that cut scripts or the API
    // need the network in front of them. The one spec about the worker allows it.
    serviceWorkers: 'block',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'shopper-phone',
      testIgnore: /[\\/](clerk|admin)[^\\/]*\.spec\.ts$/,
      // A 390×844 phone at 3× density, like the iPhones most LINE users hold.
      use: { browserName: 'chromium', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
    },
    {
      // The clerk console on a register PC / landscape tablet.
      name: 'clerk-desktop',
      testMatch: /[\\/]clerk[^\\/]*\.spec\.ts$/,
      use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } },
    },
    {
      // The operator dashboard on a marketer's laptop.
      name: 'admin-desktop',
      testMatch: /[\\/]admin[^\\/]*\.spec\.ts$/,
      use: { browserName: 'chromium', viewport: { width: 1280, height: 900 } },
    },
  ],
  webServer: [
    {
      command: `node_modules/.bin/tsx mocks/line-api-server.ts ${PORT + 1} ${E2E_LINE_TOKEN}`,
      url: `${E2E_LINE_API_URL}/__mock/calls`,
      timeout: 30_000,
      reuseExistingServer: false,
    },
    {
      // The production build in mock mode, served by the real BFF on a throw-away PGlite.
      command: `node_modules/.bin/vite build --mode mock --outDir dist/e2e --logLevel warn && node_modules/.bin/tsx src/server/main.ts`,
      url: `${E2E_BASE_URL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        NODE_ENV: 'test',
        PORT: String(PORT),
        PGLITE_DIR: 'memory://',
        DATABASE_URL: '',
        STATIC_DIR: 'dist/e2e',
        AUTH_MODE: 'dev',
        // The job runner in the BFF (PGlite admits one process), every second, against the mock LINE API.
        JOBS_IN_PROCESS: 'true',
        JOBS_INTERVAL_SECONDS: '1',
        LINE_API_BASE_URL: E2E_LINE_API_URL,
        LINE_CHANNEL_ACCESS_TOKEN: E2E_LINE_TOKEN,
      },
    },
  ],
});
