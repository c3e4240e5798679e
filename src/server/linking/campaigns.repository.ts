import { and, count, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { campaignGrants, campaigns } from '../db/schema/campaigns';
import type { Tx } from '../db/transaction';

type Db = Database | Tx;
export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignKind = CampaignRow['kind'];

/** Campaigns of a kind whose planned days reach `day` (the rules decide which of them are in effect). */
export async function campaignsAround(db: Db, kind: CampaignKind, day: string): Promise<CampaignRow[]> {
  return db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.kind, kind), lte(campaigns.startsOn, day), gte(campaigns.endsOn, day)));
}

/** Campaigns of a kind whose planned days meet [from, to]. */
export async function campaignsMeeting(db: Db, kind: CampaignKind, from: string, to: string): Promise<CampaignRow[]> {
  return db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.kind, kind), lte(campaigns.startsOn, to), gte(campaigns.endsOn, from)));
}

/** Serialises campaign creation per kind until the transaction ends (the overlap check, then the insert). */
export async function lockCampaignKind(tx: Db, kind: CampaignKind): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`campaigns:${kind}`}))`);
}

export async function insertCampaign(db: Db, values: typeof campaigns.$inferInsert): Promise<CampaignRow> {
  const [row] = await db.insert(campaigns).values(values).returning();
  return row!;
}

export async function findCampaign(db: Db, id: string): Promise<CampaignRow | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}

export async function endCampaignAt(db: Db, id: string, at: Date): Promise<CampaignRow | undefined> {
  const [row] = await db.update(campaigns).set({ endedAt: at }).where(and(eq(campaigns.id, id), or(isNull(campaigns.endedAt)))).returning();
  return row;
}

/** Every campaign, newest first, with the bonuses granted. */
export async function listCampaigns(db: Db): Promise<(CampaignRow & { granted: number })[]> {
  const granted = db.select({ campaignId: campaignGrants.campaignId, n: count().as('n') }).from(campaignGrants).groupBy(campaignGrants.campaignId).as('granted');
  const rows = await db
    .select({ campaign: campaigns, granted: granted.n })
    .from(campaigns)
    .leftJoin(granted, eq(granted.campaignId, campaigns.id))
    .orderBy(desc(campaigns.startsOn), desc(campaigns.createdAt));
  return rows.map((r) => ({ ...r.campaign, granted: Number(r.granted ?? 0) }));
}

/** Records a campaign's bonus for a CRM membership; false when it was already granted (to any LINE account). */
export async function recordCampaignGrantOnce(db: Db, grant: typeof campaignGrants.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(campaignGrants).values(grant).onConflictDoNothing().returning({ campaignId: campaignGrants.campaignId });
  return inserted.length > 0;
}

/** Withdrawal: grants keep their CRM member but lose the member. */
export async function eraseCampaignGrantMember(db: Db, memberId: string): Promise<void> {
  await db.update(campaignGrants).set({ memberId: null }).where(eq(campaignGrants.memberId, memberId));
}
