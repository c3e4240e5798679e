import type { Preview, Segment, SegmentFilter, SegmentInput, SendGroupReport, SendReport, SendRequest, SendSummary, SendVariant } from '../../contract/segments';
import type { Database } from '../db/database';
import { asDatabase } from '../db/transaction';
import type { OutboxDelivery } from '../line/outbox-worker';
import { enqueuePush } from '../line/outbox.repository';
import type { LineClient, LineMessage } from '../line/line-client';
import type { ProgramConfig } from '../loyalty/program-config';
import { recordAudit } from '../staff/staff.repository';
import type { StaffPrincipal } from '../staff/staff-env';
import { assignmentSql, compileSegmentFilter, filterProblems } from './segment-rules';
import { isPersonalised, renderMessage, toLineMessages, type MemberFigures } from './send-messages';
import * as repo from './segments.repository';

/** Segments and segment sends: use cases. Outcomes, never HTTP errors; every send action is audited. */

export type SegmentsDeps = { db: Database; program: ProgramConfig; clock: () => Date };

export type SegmentsError =
  | { code: 'invalid_filter'; fields: Record<string, string> }
  | { code: 'segment_not_found' }
  | { code: 'send_not_found' }
  | { code: 'send_not_scheduled' }
  | { code: 'scheduled_in_past' };

type Outcome<T> = { ok: true; result: T } | { ok: false; error: SegmentsError };

function whereOf(deps: SegmentsDeps, filter: SegmentFilter) {
  return compileSegmentFilter(filter, { now: deps.clock(), program: deps.program });
}

function checkFilter(deps: SegmentsDeps, filter: SegmentFilter): SegmentsError | null {
  const fields = filterProblems(filter, deps.program);
  return Object.keys(fields).length > 0 ? { code: 'invalid_filter', fields } : null;
}

export async function countSegment(deps: SegmentsDeps, filter: SegmentFilter): Promise<Outcome<number>> {
  const problem = checkFilter(deps, filter);
  if (problem) return { ok: false, error: problem };
  return { ok: true, result: await repo.countMembers(deps.db, whereOf(deps, filter)) };
}

async function toSegment(deps: SegmentsDeps, row: repo.SegmentRow): Promise<Segment> {
  const filter = row.filter as SegmentFilter;
  return { id: row.id, name: row.name, filter, members: await repo.countMembers(deps.db, whereOf(deps, filter)), updatedAt: row.updatedAt.toISOString() };
}

export async function listSegments(deps: SegmentsDeps): Promise<Segment[]> {
  const rows = await repo.listSegments(deps.db);
  return Promise.all(rows.map((row) => toSegment(deps, row)));
}

export async function createSegment(deps: SegmentsDeps, staff: StaffPrincipal, input: SegmentInput): Promise<Outcome<Segment>> {
  const problem = checkFilter(deps, input.filter);
  if (problem) return { ok: false, error: problem };
  const now = deps.clock();
  const row = await repo.insertSegment(deps.db, { name: input.name, filter: input.filter, createdBy: staff.staffId, createdAt: now, updatedAt: now });
  return { ok: true, result: await toSegment(deps, row) };
}

export async function updateSegment(deps: SegmentsDeps, id: string, input: SegmentInput): Promise<Outcome<Segment>> {
  const problem = checkFilter(deps, input.filter);
  if (problem) return { ok: false, error: problem };
  const row = await repo.updateSegment(deps.db, id, { name: input.name, filter: input.filter, updatedAt: deps.clock() });
  if (!row) return { ok: false, error: { code: 'segment_not_found' } };
  return { ok: true, result: await toSegment(deps, row) };
}

export async function deleteSegment(deps: SegmentsDeps, id: string): Promise<Outcome<null>> {
  return (await repo.deleteSegment(deps.db, id)) ? { ok: true, result: null } : { ok: false, error: { code: 'segment_not_found' } };
}

function figuresOf(row: repo.FiguresRow): MemberFigures {
  return {
    displayName: row.display_name,
    balance: Number(row.balance),
    expiringPoints: row.soonest_points === null ? null : Number(row.soonest_points),
    expiresAt: row.soonest_ms === null ? null : new Date(Number(row.soonest_ms)),
  };
}

const PREVIEW_SAMPLE = 20;

/** The message as one member of the segment would receive it, and members to pick from. */
export async function previewMessage(deps: SegmentsDeps, input: { segmentId: string; message: SendVariant['message']; memberNumber: string | null }): Promise<Outcome<Preview>> {
  const segment = await repo.findSegment(deps.db, input.segmentId);
  if (!segment) return { ok: false, error: { code: 'segment_not_found' } };
  const where = whereOf(deps, segment.filter as SegmentFilter);
  const sample = await repo.sampleMembers(deps.db, where, PREVIEW_SAMPLE);
  const [member] = input.memberNumber === null ? sample : await repo.sampleMembers(deps.db, where, 1, input.memberNumber);
  const toRef = (row: { member_number: string; display_name: string | null }) => ({ memberNumber: row.member_number, displayName: row.display_name });
  if (!member) return { ok: true, result: { member: null, rendered: null, sample: sample.map(toRef) } };
  const [figures] = await repo.memberFigures(deps.db, [member.id], deps.clock());
  return { ok: true, result: { member: toRef(member), rendered: renderMessage(input.message, figures ? figuresOf(figures) : null), sample: sample.map(toRef) } };
}

function audit(db: Database, staff: StaffPrincipal, at: Date, action: string, detail: Record<string, unknown>) {
  return recordAudit(db, { at, staffId: staff.staffId, username: staff.username, storeId: staff.storeId, action, result: 'ok', detail });
}

export async function createSend(deps: SegmentsDeps, staff: StaffPrincipal, input: SendRequest): Promise<Outcome<{ id: string }>> {
  const now = deps.clock();
  const scheduledAt = input.scheduledAt === null ? now : new Date(input.scheduledAt);
  // A minute of slack for the admin's clock; an earlier time is a mistake, not "now".
  if (scheduledAt.getTime() < now.getTime() - 60_000) return { ok: false, error: { code: 'scheduled_in_past' } };
  const segment = await repo.findSegment(deps.db, input.segmentId);
  if (!segment) return { ok: false, error: { code: 'segment_not_found' } };
  const send = await deps.db.transaction(async (tx) => {
    const db = asDatabase(tx);
    const row = await repo.insertSend(db, {
      segmentId: segment.id,
      segmentName: segment.name,
      filter: segment.filter,
      variants: input.variants,
      holdoutPercent: input.holdoutPercent,
      reportDays: input.reportDays,
      status: 'scheduled',
      scheduledAt,
      createdBy: staff.staffId,
      createdAt: now,
    });
    await audit(db, staff, now, input.scheduledAt === null ? 'segment_send.send_now' : 'segment_send.schedule', {
      sendId: row.id,
      segment: segment.name,
      scheduledAt: scheduledAt.toISOString(),
      variants: input.variants.length,
      holdoutPercent: input.holdoutPercent,
    });
    return row;
  });
  return { ok: true, result: { id: send.id } };
}

export async function cancelSend(deps: SegmentsDeps, staff: StaffPrincipal, id: string): Promise<Outcome<null>> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const db = asDatabase(tx);
    const row = await repo.cancelScheduledSend(db, id, now);
    if (!row) return { ok: false, error: (await repo.findSend(db, id)) ? { code: 'send_not_scheduled' } : { code: 'send_not_found' } };
    await audit(db, staff, now, 'segment_send.cancel', { sendId: id });
    return { ok: true, result: null };
  });
}

/** A scheduled send goes at the next job tick instead of at its time. */
export async function sendNow(deps: SegmentsDeps, staff: StaffPrincipal, id: string): Promise<Outcome<null>> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const db = asDatabase(tx);
    const row = await repo.sendScheduledNow(db, id, now);
    if (!row) return { ok: false, error: (await repo.findSend(db, id)) ? { code: 'send_not_scheduled' } : { code: 'send_not_found' } };
    await audit(db, staff, now, 'segment_send.send_now', { sendId: id, wasScheduledAt: null });
    return { ok: true, result: null };
  });
}

const PUSH_CHUNK = 500;

export type SendRunReport = { sends: number; recipients: number; outboxRows: number; failed: { sendId: string; error: string }[] };

/**
 * The job runner's part: every due send is materialised once (its recipients written in one
 * transaction under the send's row lock), then queued: text as one multicast outbox row per batch
 * of ≤ 500, cards rendered per member as pushes, a chunk per transaction. Each step is idempotent
 * (unique recipients, unique cause keys), so a runner that dies midway is simply run again. A send
 * that fails is reported (the job loop logs the tick) and retried next tick; it never holds up the
 * others or the outbox drain after it.
 */
export async function runDueSends(deps: SegmentsDeps): Promise<SendRunReport> {
  const report: SendRunReport = { sends: 0, recipients: 0, outboxRows: 0, failed: [] };
  for (const due of await repo.dueSends(deps.db, deps.clock())) {
    report.sends += 1;
    try {
      await runSend(deps, due, report);
    } catch (error) {
      report.failed.push({ sendId: due.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}

async function runSend(deps: SegmentsDeps, due: repo.SendRow, report: SendRunReport): Promise<void> {
  const variants = due.variants as SendVariant[];
  await deps.db.transaction(async (tx) => {
    const send = await repo.lockSend(tx, due.id);
    if (!send || send.materialisedAt || send.status === 'cancelled') return;
    const where = compileSegmentFilter(send.filter as SegmentFilter, { now: deps.clock(), program: deps.program });
    const assignment = assignmentSql(send.id, send.holdoutPercent, variants.map((v) => v.key));
    report.recipients += await repo.materialiseRecipients(tx, { sendId: send.id, where, assignment, at: deps.clock() });
  });
  const text = variants.filter((v) => !isPersonalised(v.message));
  if (text.length > 0) {
    const messagesByVariant = Object.fromEntries(text.map((v) => [v.key, toLineMessages(renderMessage(v.message, null))]));
    report.outboxRows += await deps.db.transaction((tx) => repo.queueMulticasts(tx, { sendId: due.id, messagesByVariant, now: deps.clock() }));
  }
  const cards = new Map(variants.filter((v) => isPersonalised(v.message)).map((v) => [v.key, v.message]));
  if (cards.size > 0) report.outboxRows += await queuePersonalised(deps, due.id, cards);
  await repo.markSendQueued(deps.db, due.id, deps.clock());
}

async function queuePersonalised(deps: SegmentsDeps, sendId: string, cards: Map<string, SendVariant['message']>): Promise<number> {
  let queued = 0;
  for (;;) {
    const pending = (await repo.pendingRecipients(deps.db, sendId, PUSH_CHUNK)).filter((r) => cards.has(r.variant));
    if (pending.length === 0) return queued;
    const now = deps.clock();
    const figures = new Map((await repo.memberFigures(deps.db, pending.map((r) => r.memberId), now)).map((row) => [row.member_id, figuresOf(row)]));
    await deps.db.transaction(async (tx) => {
      const marks: { memberId: string; causeKey: string }[] = [];
      for (const recipient of pending) {
        const causeKey = repo.pushCauseKey(sendId, recipient.memberId);
        const messages = toLineMessages(renderMessage(cards.get(recipient.variant)!, figures.get(recipient.memberId) ?? null));
        if (await enqueuePush(tx, { causeKey, lineUserId: recipient.lineUserId!, messages, now })) queued += 1;
        marks.push({ memberId: recipient.memberId, causeKey });
      }
      await repo.markQueued(tx, sendId, marks);
    });
  }
}

/**
 * The outbox's `multicast` delivery: the batch's recipients are checked again at delivery (a
 * member may have blocked the account or withdrawn consent since the send was materialised); those
 * who cannot receive it any more are marked skipped and left out of the request.
 */
export function multicastDelivery(deps: { db: Database; line: LineClient }): OutboxDelivery {
  return async (row) => {
    const payload = row.payload as { sendId?: string; to: string[]; messages: LineMessage[] };
    const reachable = await repo.reachableNow(deps.db, payload.to);
    const to = payload.to.filter((id) => reachable.has(id));
    if (payload.sendId) await repo.markUnreachable(deps.db, payload.sendId, payload.to.filter((id) => !reachable.has(id)));
    if (to.length === 0) return 'skipped';
    await deps.line.multicast(to, payload.messages, row.retryKey);
    return 'sent';
  };
}

const SEND_LIST_LIMIT = 50;

function summaryOf(row: repo.SendRow, counts: repo.GroupCountsRow[], skips: repo.SkipCountsRow[]): SendSummary {
  const sum = (key: 'assigned' | 'sent' | 'failed' | 'queued') => counts.filter((c) => c.grp !== 'holdout').reduce((total, c) => total + c[key], 0);
  return {
    id: row.id,
    segmentName: row.segmentName,
    status: row.status,
    scheduledAt: row.scheduledAt.toISOString(),
    materialisedAt: row.materialisedAt?.toISOString() ?? null,
    variants: row.variants as SendVariant[],
    holdoutPercent: row.holdoutPercent,
    reportDays: row.reportDays,
    recipients: sum('assigned'),
    skipped: Object.fromEntries(skips.map((s) => [s.reason, s.n])),
    sent: sum('sent'),
    failed: sum('failed'),
    pending: sum('queued') - sum('sent') - sum('failed'),
  };
}

export async function listSends(deps: SegmentsDeps): Promise<SendSummary[]> {
  const rows = await repo.listSends(deps.db, SEND_LIST_LIMIT);
  const ids = rows.map((row) => row.id);
  const [counts, skips] = await Promise.all([repo.deliveryCounts(deps.db, ids), repo.skipReasons(deps.db, ids)]);
  return rows.map((row) => summaryOf(row, counts.filter((c) => c.send_id === row.id), skips.filter((s) => s.send_id === row.id)));
}

const DAY_MS = 86_400_000;

/** The send, and per group (A, B, hold-out) its delivery and the actions taken within reportDays of it. */
export async function sendReport(deps: SegmentsDeps, id: string): Promise<Outcome<SendReport>> {
  const row = await repo.findSend(deps.db, id);
  if (!row) return { ok: false, error: { code: 'send_not_found' } };
  const [counts, skips] = await Promise.all([repo.deliveryCounts(deps.db, [id]), repo.skipReasons(deps.db, [id])]);
  const from = row.materialisedAt;
  const windowEnd = from ? new Date(from.getTime() + row.reportDays * DAY_MS) : null;
  const actions = from && windowEnd ? await repo.actionCounts(deps.db, id, from, windowEnd) : [];
  const groups: SendGroupReport[] = counts
    .sort((a, b) => a.grp.localeCompare(b.grp))
    .map((c) => {
      const action = actions.find((a) => a.grp === c.grp);
      const of = (n: number) => ({ members: n, rate: c.assigned === 0 ? null : n / c.assigned });
      return {
        group: c.grp as SendGroupReport['group'],
        assigned: c.assigned,
        skipped: c.skipped,
        queued: c.queued,
        sent: c.sent,
        failed: c.failed,
        links: of(action?.linked ?? 0),
        purchases: of(action?.purchasers ?? 0),
        couponRedemptions: of(action?.redeemers ?? 0),
      };
    });
  return { ok: true, result: { send: summaryOf(row, counts, skips), groups, windowEnd: windowEnd?.toISOString() ?? null } };
}
