// npm run dev: the BFF (PGlite, dev key set, seeded personas) and Vite, together; Ctrl+C stops both.
import { spawn } from 'node:child_process';

const children = [
  { name: 'bff', color: 36, args: ['tsx', 'watch', '--clear-screen=false', 'src/server/main.ts'] },
  { name: 'web', color: 35, args: ['vite'] },
].map(({ name, color, args }) => {
  const child = spawn(`node_modules/.bin/${args[0]}`, args.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const prefix = `\x1b[${color}m[${name}]\x1b[0m `;
  const relay = (stream, out) =>
    stream.on('data', (chunk) => out.write(chunk.toString().replace(/^(?=.)/gm, prefix)));
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  child.on('exit', (code) => {
    console.log(`${prefix}exited with ${code}`);
    shutdown(code ?? 1);
  });
  return child;
});

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
