import { sql } from 'drizzle-orm';
import type { Persona } from '../../../mocks/personas';
import type { Database } from '../db/database';
import { members } from '../db/schema/members';
import { pointEntries, pointLots } from '../db/schema/ledger';

const DAY_MS = 24 * 60 * 60 * 1000;
const LOT_LIFETIME_DAYS = 365;

/** Creates the personas' members and points once; running it again changes nothing. */
export async function seedPersonas(db: Database, personas: Persona[], now: Date): Promise<void> {
  for (const persona of personas) {
    if (!persona.seed) continue;
    const { seed } = persona;
    await db.transaction(async (tx) => {
      await tx
        .insert(members)
        .values({ lineUserId: persona.lineUserId, memberNumber: seed.memberNumber, displayName: persona.displayName })
        .onConflictDoNothing();
      const [member] = await tx.select({ id: members.id }).from(members).where(sql`${members.lineUserId} = ${persona.lineUserId}`);
      if (!member) throw new Error(`seed member ${persona.id} was not created (member number taken?)`);
      for (const [index, earning] of seed.earnings.entries()) {
        const earnedAt = new Date(now.getTime() - earning.daysAgo * DAY_MS);
        const [entry] = await tx
          .insert(pointEntries)
          .values({ memberId: member.id, kind: 'earn', points: earning.points, idempotencyKey: `seed:${persona.id}:${index}`, createdAt: earnedAt })
          .onConflictDoNothing()
          .returning({ id: pointEntries.id });
        if (!entry) continue;
        await tx.insert(pointLots).values({
          memberId: member.id,
          entryId: entry.id,
          points: earning.points,
          remaining: earning.points,
          earnedAt,
          expiresAt: new Date(earnedAt.getTime() + LOT_LIFETIME_DAYS * DAY_MS),
        });
      }
    });
  }
}
