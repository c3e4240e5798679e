import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DEMO_STAFF } from '../staff/seed-staff';

/** A real BFF process (tsx src/server/main.ts) for tests that must kill and restart it. */
export type BffProcess = { baseUrl: string; child: ChildProcess; output: () => string; stop: (signal?: NodeJS.Signals) => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A register's clerk session on a running BFF: the cookie header its staff requests send. */
export async function clerkCookie(bff: Pick<BffProcess, 'baseUrl'>): Promise<string> {
  const response = await fetch(`${bff.baseUrl}/api/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'clerk1', password: DEMO_STAFF.password }),
  });
  if (response.status !== 200) throw new Error(`clerk login: ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** `readyWithinMs`: a fresh PGlite runs every migration first, which takes a minute or more on a loaded machine. */
export async function startBff(env: Record<string, string>, port?: number, readyWithinMs = 60_000): Promise<BffProcess> {
  const listenPort = port ?? (await freePort());
  // node itself with tsx as a loader (not the tsx CLI, which forks): a SIGKILL must hit the process that serves.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(listenPort),
      AUTH_MODE: 'dev',
      JOBS_IN_PROCESS: 'false',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${listenPort}`;

  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`BFF exited during start-up:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`BFF did not start within ${readyWithinMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A real job runner process (`npm run jobs`, src/server/jobs/main.ts), started once it reports its loop. */
export type JobRunnerProcess = { child: ChildProcess; output: () => string; stop: (signal?: NodeJS.Signals) => Promise<void> };

export async function startJobRunner(env: Record<string, string>): Promise<JobRunnerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/jobs/main.ts'], {
    env: { ...process.env, NODE_ENV: 'test', JOBS_INTERVAL_SECONDS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('Member Card jobs:')) {
    if (child.exitCode !== null) throw new Error(`job runner exited during start-up:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`job runner did not start within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
