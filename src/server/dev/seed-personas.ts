import type { Persona } from './dev-fixtures';
import type { Database } from '../db/database';
import { ensureSeededMember, setBirthday } from '../members/members.repository';
import { jstDate, startOfJstDay, addMonthsToYearMonth } from '../loyalty/jst';
import { createLoyaltyService } from '../loyalty/loyalty.service';
import type { ProgramConfig } from '../loyalty/program-config';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Personas' purchases happen at a store of the default programme (not the demo clerks' shibuya, so no e2e voids them). */
const SEED_STORE_ID = 'shinjuku';

/**
 * Creates the personas' members and their history through the loyalty service itself, each event
 * at its own back-dated moment, so points, lots, stamps and tiers are exactly what real use makes.
 * Every write is idempotent (receipt ids and grant keys), so seeding again changes nothing; a persona
 * whose member already exists is taken as seeded and only has its "this month" birthday re-dated.
 */
export async function seedPersonas(db: Database, program: ProgramConfig, personas: Persona[], now: Date): Promise<void> {
  for (const persona of personas) {
    const { seed } = persona;
    if (!seed) continue;
    const member = await ensureSeededMember(db, { lineUserId: persona.lineUserId, memberNumber: seed.memberNumber, displayName: persona.displayName, createdAt: now });
    if (!member) throw new Error(`seed member ${persona.id} was not created (member number ${seed.memberNumber} taken?)`);
    const at = (moment: Date) => createLoyaltyService({ db, program, clock: () => moment });

    // A persona seeded by an earlier start already has its history (every event is idempotent, so
    // replaying it would change nothing but cost each `npm run dev` a second): only the birthday moves.
    // (Changed a persona's seed in mocks/personas.ts? Delete .data/pglite to seed afresh.)
    if (!member.created) {
      await redateBirthday(persona, member.id);
      continue;
    }

    const events = [
      ...(seed.purchases ?? []).map((p, index) => ({ when: new Date(now.getTime() - p.daysAgo * DAY_MS), kind: 'purchase' as const, index, p })),
      ...(seed.grants ?? []).map((g, index) => ({ when: grantMoment(g, now), kind: 'grant' as const, index, g })),
    ].sort((a, b) => a.when.getTime() - b.when.getTime());

    for (const event of events) {
      if (event.kind === 'purchase') {
        const outcome = await at(event.when).recordPurchase({
          memberId: member.id,
          storeId: event.p.storeId ?? SEED_STORE_ID,
          receiptId: `${persona.id}-${event.index}`,
          amountYen: event.p.amountYen,
        });
        if (!outcome.ok) throw new Error(`seed purchase ${persona.id}-${event.index}: ${outcome.error}`);
      } else {
        const outcome = await at(event.when).grantPoints({
          memberId: member.id,
          points: event.g.points,
          kind: 'adjust',
          idempotencyKey: `seed:${persona.id}:${event.index}`,
          reason: 'seeded persona',
        });
        if (!outcome.ok) throw new Error(`seed grant ${persona.id}-${event.index}: ${outcome.error}`);
      }
    }

    await redateBirthday(persona, member.id);
  }

  async function redateBirthday(persona: Persona, memberId: string) {
    if (!persona.seed?.birthday) return;
    await setBirthday(db, memberId, resolveBirthday(persona.seed.birthday, now));
    await createLoyaltyService({ db, program, clock: () => now }).issueBirthdayCouponIfDue(memberId);
  }
}

function grantMoment(grant: { daysAgo?: number; monthsAgo?: number }, now: Date): Date {
  if (grant.monthsAgo === undefined) return new Date(now.getTime() - (grant.daysAgo ?? 0) * DAY_MS);
  const { year, month } = addMonthsToYearMonth(jstDate(now), -grant.monthsAgo);
  return new Date(startOfJstDay({ year, month, day: 2 }).getTime() + 12 * 60 * 60 * 1000);
}

function resolveBirthday(birthday: string, now: Date): string {
  if (birthday !== 'this-month') return birthday;
  const { month, day } = jstDate(now);
  return `1990-${String(month).padStart(2, '0')}-${String(Math.min(day, 28)).padStart(2, '0')}`;
}
