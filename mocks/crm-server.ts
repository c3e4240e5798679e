import { createServer, type IncomingMessage, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { crmSeedMembers, type CrmSeedMember } from './crm-members';

/**
 * A small external CRM for development and the HTTP adapter's tests. It speaks the protocol in the
 * README (bearer API key; verify, points-transfer, retire) and can be told to fail the next calls.
 */
export type MockCrm = {
  server: Server;
  url: string;
  requests: Array<{ method: string; path: string; body: unknown }>;
  /** The next `count` requests answer `status` (e.g. 503), or hang past the client's timeout with 'hang'. */
  failNext(count: number, status: number | 'hang'): void;
  members: Map<string, CrmSeedMember & { retired: boolean }>;
  close(): Promise<void>;
};

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function startMockCrm(options: { port?: number; host?: string; apiKey: string; members?: CrmSeedMember[] }): Promise<MockCrm> {
  const members = new Map((options.members ?? crmSeedMembers).map((m) => [m.memberNumber, { ...m, retired: false }]));
  const requests: MockCrm['requests'] = [];
  let failures: { count: number; status: number | 'hang' } = { count: 0, status: 503 };

  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://crm').pathname;
    const body = await readJson(request);
    requests.push({ method: request.method ?? 'GET', path, body });
    const send = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(payload));
    };
    if (failures.count > 0) {
      failures.count -= 1;
      if (failures.status === 'hang') return; // never answers: the client's timeout must fire
      return send(failures.status, { error: 'injected failure' });
    }
    if (request.headers.authorization !== `Bearer ${options.apiKey}`) return send(401, { error: 'bad api key' });
    if (request.method !== 'POST') return send(405, { error: 'POST only' });

    if (path === '/members/verify') {
      const member = members.get(String(body.memberNumber ?? ''));
      const matches =
        member &&
        !member.retired &&
        ((typeof body.birthday === 'string' && body.birthday === member.birthday) ||
          (typeof body.phone === 'string' && body.phone === member.phone));
      if (!member || !matches) return send(404, { error: 'no such member' });
      return send(200, { member: { id: member.id, memberNumber: member.memberNumber, name: member.name, pointsBalance: member.pointsBalance } });
    }
    const action = /^\/members\/([^/]+)\/(points-transfer|retire)$/.exec(path);
    const member = action ? [...members.values()].find((m) => m.id === decodeURIComponent(action[1]!)) : undefined;
    if (!action || !member) return send(404, { error: 'not found' });
    if (action[2] === 'retire') member.retired = true;
    else member.pointsBalance = 0;
    return send(200, { ok: true });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    requests,
    members,
    failNext: (count, status) => {
      failures = { count, status };
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

// `tsx mocks/crm-server.ts`: run it on its own (scripts/dev.mjs does when CRM_MODE=http points here).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.argv[2] ?? 8827);
  const apiKey = process.argv[3] ?? 'dev-crm-key';
  const crm = await startMockCrm({ port, apiKey });
  console.log(`Mock CRM on ${crm.url} (API key "${apiKey}")`);
}
