import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { safeParse } from 'zod/mini';
import { SegmentFilterSchema } from '../../contract/segments';
import { defaultProgramConfig } from '../loyalty/program-config';
import { assignmentSql, bucketOf, BUCKETS, compileSegmentFilter, filterProblems, groupOfBucket, tierSpendRanges } from './segment-rules';
import { fillPlaceholders, isPersonalised, renderMessage, toLineMessages } from './send-messages';

const dialect = new PgDialect();
const now = new Date('2026-03-01T03:00:00Z');
const context = { now, program: defaultProgramConfig };
const compile = (filter: Parameters<typeof compileSegmentFilter>[0]) => dialect.sqlToQuery(compileSegmentFilter(filter, context));

describe('segment rules', () => {
  it('the empty filter is every member with a LINE account', () => {
    expect(compile({}).sql).toBe('m.line_user_id IS NOT NULL');
  });

  it('typed values are bound parameters, never SQL text', () => {
    const hostile = "shibuya'; DROP TABLE members; --";
    const { sql, params } = compile({ purchasedAtStore: hostile, birthdayMonth: 4 });
    expect(sql).not.toContain('DROP TABLE');
    expect(params).toContain(hostile);
    expect(params).toContain(4);
  });

  it('each condition adds its clause, all joined with AND', () => {
    const { sql, params } = compile({ linked: false, profileCompleted: true, friendship: 'blocked', marketingConsent: true, lastPurchaseOlderThanDays: 30 });
    // Link, profile, friend status and consent are members' own columns: no join, no subquery.
    expect(sql).toContain('NOT m.is_linked');
    expect(sql).toContain('m.has_profile');
    expect(sql).toContain('m.is_friend IS FALSE');
    expect(sql).toContain('m.marketing_consent');
    expect(sql.match(/SELECT/g)).toHaveLength(1);
    // Bought before, not since 30 days before now.
    expect(params).toContain(new Date(now.getTime() - 30 * 86_400_000).toISOString());
    expect(sql.split(' AND ').length).toBeGreaterThanOrEqual(6);
  });

  it('tier, last purchase and store read one member_facts row: one EXISTS for all three', () => {
    const { sql } = compile({ tiers: ['REINE'], lastPurchaseOlderThanDays: 30, purchasedAtStore: 'shibuya' });
    expect(sql.match(/FROM member_facts/g)).toHaveLength(1);
  });

  it('points expiring before a day run from now to the end of that JST day', () => {
    const { params } = compile({ pointsExpiringBefore: '2026-03-31' });
    expect(params).toEqual([now.toISOString(), '2026-03-31T14:59:59.999Z']);
  });

  it('a tier is the spend range from its threshold up to the next tier’s', () => {
    const tiers = [
      { id: 'REGULAR', minSpendYen: 0 },
      { id: 'SILVER', minSpendYen: 20_000 },
      { id: 'GOLD', minSpendYen: 50_000 },
    ];
    expect(tierSpendRanges(['SILVER', 'GOLD'], tiers)).toEqual([
      { min: 20_000, below: 50_000 },
      { min: 50_000, below: null },
    ]);
    expect(tierSpendRanges(['NONE'], tiers)).toEqual([]);
  });

  it('unknown tiers and stores are named as problems; the contract refuses unknown fields and bad months', () => {
    expect(filterProblems({ tiers: ['NOPE'], purchasedAtStore: 'moon' }, defaultProgramConfig)).toEqual({
      'filter.tiers': 'No tier NOPE in the programme',
      'filter.purchasedAtStore': 'No store moon in the programme',
    });
    expect(filterProblems({ tiers: [defaultProgramConfig.tiers[0]!.id] }, defaultProgramConfig)).toEqual({});
    expect(safeParse(SegmentFilterSchema, { birthdayMonth: 13 }).success).toBe(false);
    expect(safeParse(SegmentFilterSchema, { everyone: true }).success).toBe(false);
  });

  it('groups: the hold-out share first, the rest split evenly, the same every time', () => {
    expect(groupOfBucket(0, 10, ['A', 'B'])).toBe('holdout');
    expect(groupOfBucket(999, 10, ['A', 'B'])).toBe('holdout');
    expect(groupOfBucket(1000, 10, ['A', 'B'])).toBe('A');
    expect(groupOfBucket(5499, 10, ['A', 'B'])).toBe('A');
    expect(groupOfBucket(5500, 10, ['A', 'B'])).toBe('B');
    expect(groupOfBucket(BUCKETS - 1, 0, ['A'])).toBe('A');
    const send = '6f1d7a8e-0000-4000-8000-000000000001';
    const counts: Record<string, number> = {};
    for (let i = 0; i < 4000; i++) {
      const member = `00000000-0000-4000-8000-${i.toString().padStart(12, '0')}`;
      const group = groupOfBucket(bucketOf(send, member), 20, ['A', 'B']);
      expect(groupOfBucket(bucketOf(send, member), 20, ['A', 'B'])).toBe(group);
      counts[group] = (counts[group] ?? 0) + 1;
    }
    expect(counts.holdout! / 4000).toBeCloseTo(0.2, 1);
    expect(counts.A! / 4000).toBeCloseTo(0.4, 1);
  });

  it('the SQL assignment uses the same md5 buckets and bounds', () => {
    const { sql, params } = dialect.sqlToQuery(assignmentSql('s', 10, ['A', 'B']));
    expect(sql).toContain('md5(');
    expect(params).toEqual(expect.arrayContaining([1000, 5500, 10000]));
  });
});

describe('send messages', () => {
  const figures = { displayName: '山田', balance: 3200, expiringPoints: 1200, expiresAt: new Date('2026-03-31T14:59:59.999Z') };

  it('a card names the member’s own figures (JST dates, grouped digits)', () => {
    expect(fillPlaceholders('{name}さん、{expiringPoints} pt が {expiryDate} に失効します（残高 {balance} pt）', figures)).toBe(
      '山田さん、1,200 pt が 3/31 に失効します（残高 3,200 pt）',
    );
    expect(fillPlaceholders('{expiryDate} {unknown}', { ...figures, expiresAt: null })).toBe('— {unknown}');
  });

  it('text is the same for everyone; a card is personalised and becomes a Flex bubble', () => {
    expect(isPersonalised({ kind: 'text', text: 'hi {name}' })).toBe(false);
    expect(renderMessage({ kind: 'text', text: 'hi {name}' }, figures)).toEqual({ kind: 'text', text: 'hi {name}' });
    const card = renderMessage({ kind: 'card', title: '{name}さん', body: '{expiringPoints} pt' }, figures);
    expect(card).toEqual({ kind: 'card', title: '山田さん', body: '1,200 pt' });
    const [line] = toLineMessages(card);
    expect(line).toMatchObject({ type: 'flex', altText: '山田さん 1,200 pt', contents: { type: 'bubble' } });
  });
});
