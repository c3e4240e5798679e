// npm run dev: the BFF (PGlite, dev key set, seeded personas), Vite, the job runner, and the local
// mocks of the LINE Messaging API, the Google Wallet API (port 8818), APNs (port 8819; Apple Wallet's
// pushes) and of an external CRM when the configuration points at them.
// Ctrl+C stops them all. Ports: PORT (BFF, 8787), VITE_PORT (5173), LINE_API_BASE_URL, CRM_BASE_URL,
// GOOGLE_WALLET_API_BASE_URL (8818), APPLE_APNS_BASE_URL (8819).
import { spawn } from 'node:child_process';

const env = { ...process.env };
env.PORT ??= '8787';
env.BFF_PORT ??= env.PORT; // vite.config.ts proxies /api and /dev there
// Development talks to the mock LINE API unless told otherwise; it records every push and rich-menu switch.
env.LINE_API_BASE_URL ??= 'http://127.0.0.1:8817';
env.JOBS_INTERVAL_SECONDS ??= '5';
// Without a Google Wallet issuer, development signs with a generated key and talks to the mock Wallet API (records classes, objects, PATCHes).
const googleWalletConfigured = Boolean(env.GOOGLE_WALLET_ISSUER_ID);
if (!googleWalletConfigured) env.GOOGLE_WALLET_API_BASE_URL ??= 'http://127.0.0.1:8818';
// Apple Wallet pushes go to the mock APNs, which checks tokens with development's key (.data/apple-wallet-dev).
env.APPLE_APNS_BASE_URL ??= 'http://127.0.0.1:8819';

const isLocal = (url) => ['127.0.0.1', 'localhost'].includes(url.hostname);
const lineApi = new URL(env.LINE_API_BASE_URL);
const crmApi = env.CRM_MODE === 'http' && env.CRM_BASE_URL ? new URL(env.CRM_BASE_URL) : null;
if (crmApi) env.CRM_API_KEY ??= 'dev-crm-key';

const processes = [
  { name: 'bff', color: 36, args: ['tsx', 'watch', '--clear-screen=false', 'src/server/main.ts'] },
  { name: 'web', color: 35, args: ['vite', ...(env.VITE_PORT ? ['--port', env.VITE_PORT] : [])] },
];
// PGlite admits one process, so on it the BFF runs the job loop itself; on PostgreSQL the runner is its own process.
if (env.DATABASE_URL) processes.push({ name: 'jobs', color: 33, args: ['tsx', 'watch', '--clear-screen=false', 'src/server/jobs/main.ts'] });
if (isLocal(lineApi)) processes.push({ name: 'line', color: 32, args: ['tsx', 'mocks/line-api-server.ts', lineApi.port || '80', env.LINE_CHANNEL_ACCESS_TOKEN ?? 'dev-channel-access-token'] });
const walletApi = !googleWalletConfigured && env.GOOGLE_WALLET_API_BASE_URL ? new URL(env.GOOGLE_WALLET_API_BASE_URL) : null;
if (walletApi && isLocal(walletApi)) processes.push({ name: 'gwallet', color: 94, args: ['tsx', 'mocks/google-wallet-api-server.ts', walletApi.port || '80'] });
const apns = new URL(env.APPLE_APNS_BASE_URL);
if (isLocal(apns) && !env.APPLE_APNS_KEY) {
  const devDir = env.APPLE_WALLET_DEV_DIR ?? '.data/apple-wallet-dev';
  processes.push({ name: 'apns', color: 31, args: ['tsx', 'mocks/apns-server.ts', apns.port || '80', `${devDir}/credentials.json`] });
}
if (crmApi && isLocal(crmApi)) processes.push({ name: 'crm', color: 34, args: ['tsx', 'mocks/crm-server.ts', crmApi.port || '80', env.CRM_API_KEY] });

// Vite's own "Local: http://…" banner comes seconds before the BFF answers; the one URL to open is printed below, once the whole stack answers.
const viteBanner = /^\s*(➜\s+(Local|Network):|press h \+ enter)/;

const children = processes.map(({ name, color, args }) => {
  const child = spawn(`node_modules/.bin/${args[0]}`, args.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env });
  const prefix = `\x1b[${color}m[${name}]\x1b[0m `;
  const relay = (stream, out) =>
    stream.on('data', (chunk) => {
      const text = chunk.toString();
      // eslint-disable-next-line no-control-regex -- strips ANSI colour codes before matching Vite's banner
      const lines = name === 'web' ? text.split('\n').filter((line) => !viteBanner.test(line.replace(/\x1b\[[0-9;]*m/g, ''))).join('\n') : text;
      if (lines.trim()) out.write(lines.replace(/^(?=.)/gm, prefix));
    });
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  child.on('exit', (code) => {
    console.log(`${prefix}exited with ${code}`);
    shutdown(code ?? 1);
  });
  return child;
});

const startedAt = Date.now();
const viteUrl = `http://localhost:${env.VITE_PORT ?? '5173'}/`;
const bffUrl = `http://127.0.0.1:${env.BFF_PORT}/`;

/** True once `url` answers 200 (the BFF's /api/health stays 503 until it is migrated and seeded). */
async function answers(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

// Ask the BFF itself first (asking through Vite while it is not listening would fill the log with
// proxy errors), then once through Vite's proxy: that is the path the page takes.
async function announceWhenReady() {
  while (!stopping && !(await answers(new URL('api/health', bffUrl)))) await new Promise((r) => setTimeout(r, 250));
  while (!stopping && !(await answers(new URL('api/health', viteUrl)))) await new Promise((r) => setTimeout(r, 250));
  if (stopping) return;
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(`\n  \x1b[1m➜  Ready after ${seconds} s: open ${viteUrl}\x1b[0m  (clerk console ${viteUrl}clerk/, dashboard ${viteUrl}admin/)\n`);
}

let stopping = false;
void announceWhenReady();
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
