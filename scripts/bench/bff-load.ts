import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { personas } from '../../mocks/personas';
import { CARD_SQL } from '../../src/server/loyalty/card-statement';
import { tierWindowStart } from '../../src/server/loyalty/tiers';
import { clerkCookie, startBff, type BffProcess } from '../../src/server/testing/bff-process';
import { loadTestProgramConfig, writeLoadTestProgramConfigFile } from '../../src/server/testing/load-test-program';

const run = promisify(execFile);

/**
 * BFF throughput and latency under 50 concurrent connections on loopback (autocannon): card reads
 * and purchase grants; on PostgreSQL also the same SQL driven by pgbench as the baseline. Each
 * figure is the median of `rounds` runs, the BFF and pgbench runs interleaved so a busy moment of
 * the machine falls on both. A request fails when it is answered with a non-2xx status, its
 * connection errs or it gets no answer within autocannon's 10 s timeout.
 */

export type LoadResult = { requestsPerSecond: number; p50Ms: number; p99Ms: number; failed: number; requests: number };
export type EngineLoad = {
  engine: 'pglite' | 'postgres';
  cardRead: LoadResult;
  purchase: LoadResult;
  pgbench?: { cardRead: LoadResult; purchase: LoadResult };
};

const CONNECTIONS = 50;

async function sessionCookie(bff: BffProcess, personaId: string): Promise<string> {
  const token = (await (await fetch(`${bff.baseUrl}/dev/id-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personaId }) })).json()) as {
    idToken: string;
  };
  const session = await fetch(`${bff.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ idToken: token.idToken }) });
  return session.headers.get('set-cookie')!.split(';')[0]!;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Medians over the rounds; failures and requests summed. */
function combine(results: LoadResult[]): LoadResult {
  return {
    requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p99Ms: median(results.map((r) => r.p99Ms)),
    failed: results.reduce((sum, r) => sum + r.failed, 0),
    requests: results.reduce((sum, r) => sum + r.requests, 0),
  };
}

async function cannon(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ connections: CONNECTIONS, duration: 10, ...options });
  // `errors` counts timeouts as well as connection errors.
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failed: result.non2xx + result.errors,
    requests: result.requests.total,
  };
}

export async function measureBffLoad(engine: 'pglite' | 'postgres', databaseUrl: string | undefined, seconds = 10, rounds = 1): Promise<EngineLoad> {
  // Every purchase goes to a handful of personas: far past the programme's per-member daily limits.
  const program = { PROGRAM_CONFIG_FILE: writeLoadTestProgramConfigFile() };
  const bff = await startBff(
    engine === 'postgres' ? { DATABASE_URL: databaseUrl!, SEED_PERSONAS: 'true', ...program } : { PGLITE_DIR: 'memory://', SEED_PERSONAS: 'true', ...program },
  );
  try {
    const cookie = await sessionCookie(bff, 'with-points');
    const pgbench = engine === 'postgres' ? await pgbenchScripts(databaseUrl!) : undefined;

    // Warm-up, then the measured runs.
    await cannon({ url: `${bff.baseUrl}/api/me/card`, headers: { cookie }, duration: 2 });
    const cardReads: LoadResult[] = [];
    const pgbenchCardReads: LoadResult[] = [];
    for (let round = 0; round < rounds; round++) {
      cardReads.push(await cannon({ url: `${bff.baseUrl}/api/me/card`, headers: { cookie }, duration: seconds }));
      if (pgbench) pgbenchCardReads.push(await pgbench.cardRead(seconds));
    }

    // Purchases through the clerk console's API, spread over the seeded members, each with a fresh receipt id (a real grant every time).
    const staffCookie = await clerkCookie(bff);
    const memberNumbers = personas.flatMap((p) => (p.seed ? [p.seed.memberNumber] : []));
    let counter = 0;
    const stamp = Date.now().toString(36);
    const purchaseOptions: autocannon.Options = {
      url: `${bff.baseUrl}/api/staff/purchases`,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            counter += 1;
            return {
              ...request,
              headers: { 'content-type': 'application/json', cookie: staffCookie, 'idempotency-key': `bench-${stamp}-${counter}` },
              body: JSON.stringify({ memberCode: memberNumbers[counter % memberNumbers.length], amountYen: 1_000 + (counter % 90) * 100, receiptId: `bench-${stamp}-${counter}` }),
            };
          },
        },
      ],
    };
    // Warm-up as for the card reads: the first grants also compile the purchase path.
    await cannon({ ...purchaseOptions, duration: 2 });
    const purchases: LoadResult[] = [];
    const pgbenchPurchases: LoadResult[] = [];
    for (let round = 0; round < rounds; round++) {
      purchases.push(await cannon({ ...purchaseOptions, duration: seconds }));
      if (pgbench) pgbenchPurchases.push(await pgbench.purchase(seconds));
    }
    const result: EngineLoad = { engine, cardRead: combine(cardReads), purchase: combine(purchases) };
    if (pgbench) result.pgbench = { cardRead: combine(pgbenchCardReads), purchase: combine(pgbenchPurchases) };
    return result;
  } finally {
    await bff.stop();
  }
}

/**
 * The SQL the BFF runs for one card read and for one purchase grant, as pgbench scripts against
 * the same database: card reads of the with-points persona's member; purchases spread over the
 * seeded members as the BFF's are (a new receipt id per transaction), so neither side queues on
 * one member's row lock more than the other. The card read is the BFF's own statement text
 * (CARD_SQL), sent as the BFF sends it: extended protocol, unnamed statement, the member id and
 * instants as parameters.
 *
 * The purchase script is the BFF's purchase request statement for statement, as recorded from the
 * BFF's driver (a grant after the day's stamp, the steady state of the run): the staff session's
 * account read, then one transaction holding the member lookup by number, the loyalty savepoint,
 * the row lock, the receipt / tier-window / day-totals read, the purchase, the ledger's entry and
 * lots, the lot and entry writes, the two Wallet hooks, the stamps, the purchase's figures, the
 * answer's stamps and balance, the member read for the e-receipt, the outbox message and the
 * audit entry. Same columns, same predicates, extended protocol as the BFF's driver sends them;
 * instants come from now() where the BFF binds its clock.
 */
export async function pgbenchScripts(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ id: string }>(`select id from members where line_user_id = 'U00000000000000000000000000000002'`);
  // The purchases go to the same seeded members the BFF's purchases go to, one script each (equal weights).
  const seeded = await client.query<{ id: string; member_number: string; line_user_id: string | null }>(
    `select id, member_number, line_user_id from members where member_number = any($1)`,
    [personas.flatMap((p) => (p.seed ? [p.seed.memberNumber] : []))],
  );
  const clerk = await client.query<{ id: string }>(`select id from staff_accounts where username = 'clerk1'`);
  await client.end();
  const memberId = rows[0]!.id;
  const dir = mkdtempSync(join(tmpdir(), 'mc-pgbench-'));
  const cardRead = join(dir, 'card-read.sql');
  writeFileSync(cardRead, `${CARD_SQL};\n`);
  const purchases = seeded.rows.map((member, i) => {
    const file = join(dir, `purchase-${i}.sql`);
    writeFileSync(
      file,
      purchaseScript
        .replaceAll(':member_number', `'${member.member_number}'`)
        .replaceAll(':member', `'${member.id}'`)
        .replaceAll(':line_user', `'${member.line_user_id ?? 'U-none'}'`)
        .replaceAll(':staff', `'${clerk.rows[0]!.id}'`),
    );
    return file;
  });
  let runNumber = 0;
  /** One pgbench run; latencies from its per-transaction log (`-l`: the third field, in µs). */
  const bench = async (scripts: string[], args: string[], seconds: number): Promise<LoadResult> => {
    runNumber += 1;
    const prefix = join(dir, `log-${runNumber}`);
    const { stdout } = await run('pgbench', ['-n', '-c', String(CONNECTIONS), '-j', '2', '-T', String(seconds), '-l', `--log-prefix=${prefix}`, ...args, ...scripts.flatMap((script) => ['-f', script]), databaseUrl], {
      maxBuffer: 10 * 1024 * 1024,
    });
    const tps = stdout.match(/tps = ([\d.]+)/);
    const failed = stdout.match(/number of failed transactions: (\d+)/);
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    const latencies = readdirSync(dir)
      .filter((f) => f.startsWith(`log-${runNumber}.`))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'))
      .map((line) => Number(line.split(' ')[2]) / 1000)
      .sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    return { requestsPerSecond: Number(tps[1]), p50Ms: at(0.5), p99Ms: at(0.99), failed: failed ? Number(failed[1]) : 0, requests: latencies.length };
  };
  return {
    cardRead: (seconds: number) => {
      // The instants the BFF would bind at this moment, with the load-test programme's tier window.
      const now = new Date();
      const tierFrom = tierWindowStart(now, loadTestProgramConfig());
      return bench([cardRead], ['-M', 'extended', '-D', `member=${memberId}`, '-D', `now=${now.toISOString()}`, '-D', `tier_from=${tierFrom.toISOString()}`], seconds);
    },
    purchase: (seconds: number) => bench(purchases, ['-M', 'extended'], seconds),
  };
}

/** The BFF's purchase request, statement for statement (see pgbenchScripts); `:r` is a fresh receipt number. */
const purchaseScript = `\\set r random(1, 1000000000000)
select "id", "username", "display_name", "store_id", "role", "password_hash", "failed_logins", "locked_until", "session_generation", "created_at" from "staff_accounts" where "staff_accounts"."id" = :staff limit 1;
begin;
select "id", "line_user_id", "member_number", "display_name", "birthday", "created_at", "code_secret", "session_generation", "purchase_receipts" from "members" where "members"."member_number" = :member_number limit 1;
savepoint sp1;
select "id", "line_user_id", "member_number", "display_name", "birthday", "created_at", "code_secret", "session_generation", "purchase_receipts" from "members" where "members"."id" = :member for update;
select ((select coalesce(sum("amount_yen"), 0) from "purchases" where ("purchases"."member_id" = :member and "purchases"."voided_at" is null and "purchases"."purchased_at" >= now() - interval '12 months' and "purchases"."purchased_at" <= now()))), ((select count(*) from "purchases" where ("purchases"."member_id" = :member and "purchases"."purchased_at" >= date_trunc('day', now()) and "purchases"."purchased_at" <= date_trunc('day', now()) + interval '1 day'))), ((select coalesce(sum("points_earned"), 0) from "purchases" where ("purchases"."member_id" = :member and "purchases"."purchased_at" >= date_trunc('day', now()) and "purchases"."purchased_at" <= date_trunc('day', now()) + interval '1 day'))), "purchases"."id", "purchases"."member_id", "purchases"."store_id", "purchases"."receipt_id", "purchases"."amount_yen", "purchases"."purchased_at", "purchases"."points_earned", "purchases"."stamp_awarded", "purchases"."voided_at" from "members" left join "purchases" on ("purchases"."store_id" = 'pgbench' and "purchases"."receipt_id" = 'r' || cast(:r as text)) where "members"."id" = :member limit 1;
insert into "purchases" ("id", "member_id", "store_id", "receipt_id", "amount_yen", "purchased_at", "points_earned", "stamp_awarded", "voided_at") values (default, :member, 'pgbench', 'r' || cast(:r as text), 5400, now(), 0, false, default) returning "id", "member_id", "store_id", "receipt_id", "amount_yen", "purchased_at", "points_earned", "stamp_awarded", "voided_at" \\gset p_
select "id", "member_id", "key", "kind", "at", "points", "balance_after", "purchase_id", "store_id", "lot_id", "allocations", "reverses_key", "reallocations", "unrecoverable_points", "forfeited_points", "reason" from "point_entries" where ("point_entries"."member_id" = :member and "point_entries"."key" = concat_ws(':', 'purchase', cast(:p_id as text))) limit 1;
select "member_id", "id", "source_key", "earned_at", "expires_at", "points", "remaining", "reversed_at" from "point_lots" where ("point_lots"."member_id" = :member and "point_lots"."remaining" > 0 and "point_lots"."reversed_at" is null);
insert into "point_lots" ("member_id", "id", "source_key", "earned_at", "expires_at", "points", "remaining", "reversed_at") values (:member, concat_ws(':', 'lot', 'purchase', cast(:p_id as text)), concat_ws(':', 'purchase', cast(:p_id as text)), now(), now() + interval '12 months', 54, 54, null) on conflict ("member_id","id") do update set "expires_at" = excluded.expires_at, "remaining" = excluded.remaining, "reversed_at" = excluded.reversed_at;
insert into "point_entries" ("id", "member_id", "key", "kind", "at", "points", "balance_after", "purchase_id", "store_id", "lot_id", "allocations", "reverses_key", "reallocations", "unrecoverable_points", "forfeited_points", "reason") values (default, :member, concat_ws(':', 'purchase', cast(:p_id as text)), 'earn', now(), 54, 54, :p_id::text, 'pgbench', concat_ws(':', 'lot', 'purchase', cast(:p_id as text)), '[]', null, '[]', 0, 0, null);
select 1 from "google_wallet_objects" where ("google_wallet_objects"."member_id" = :member and "google_wallet_objects"."state" = 'ACTIVE') limit 1;
update "apple_wallet_passes" set "updated_at" = greatest(now(), date_trunc('second', "apple_wallet_passes"."updated_at") + interval '1 second') where ("apple_wallet_passes"."member_id" = :member and "apple_wallet_passes"."voided" = false) returning "serial_number", "member_id", "authentication_token", "created_at", "updated_at", "voided";
select "id", "member_id", "purchase_id", "card_number", "stamped_at", "jst_day", "voided_at" from "stamps" where "stamps"."member_id" = :member order by "stamps"."id" asc;
update "purchases" set "points_earned" = 54, "stamp_awarded" = false where "purchases"."id" = :p_id;
select "id", "member_id", "purchase_id", "card_number", "stamped_at", "jst_day", "voided_at" from "stamps" where "stamps"."member_id" = :member order by "stamps"."id" asc;
select coalesce(sum("remaining"), 0) from "point_lots" where ("point_lots"."member_id" = :member and "point_lots"."expires_at" >= now() and "point_lots"."reversed_at" is null);
release savepoint sp1;
select "id", "line_user_id", "member_number", "display_name", "birthday", "created_at", "code_secret", "session_generation", "purchase_receipts" from "members" where "members"."id" = :member limit 1;
insert into "line_outbox" ("id", "cause_key", "kind", "line_user_id", "member_id", "payload", "status", "attempts", "next_attempt_at", "last_error", "retry_key", "created_at", "done_at") values (default, concat_ws(':', 'purchase-receipt', 'pgbench', 'r' || cast(:r as text)), 'push', :line_user, default, jsonb_build_object('messages', jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'お買い上げありがとうございます（2026/12/02 22' || chr(58) || '16）。' || chr(10) || 'お買い上げ金額' || chr(58) || ' ¥5,400' || chr(10) || '獲得ポイント' || chr(58) || ' +54 pt' || chr(10) || 'ポイント残高' || chr(58) || ' 1,388 pt' || chr(10) || 'このお知らせはマイページで停止できます。'))), default, default, now(), default, gen_random_uuid()::text, now(), default) on conflict do nothing returning "id";
insert into "staff_audit_log" ("id", "at", "staff_id", "username", "store_id", "member_id", "action", "result", "detail") values (default, now(), :staff, 'clerk1', 'pgbench', :member, 'purchase', 'ok', jsonb_build_object('receiptId', 'r' || cast(:r as text), 'amountYen', 5400, 'pointsEarned', 54, 'replayed', false));
commit;
`;
