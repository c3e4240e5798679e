import { describe, expect, it } from 'vitest';
import { campaignLastDay, campaignStatus, campaignsOverlap, campaignWindow, isCampaignRunning } from './campaign-window';

const december = { startsOn: '2026-12-01', endsOn: '2026-12-31', endedAt: null };

describe('link campaign windows (JST days)', () => {
  it('runs from 00:00 JST on the first day to the end of the last day', () => {
    expect(campaignWindow(december)).toEqual({ start: new Date('2026-11-30T15:00:00Z'), end: new Date('2026-12-31T15:00:00Z') });
    expect(isCampaignRunning(december, new Date('2026-11-30T14:59:59.999Z'))).toBe(false);
    expect(isCampaignRunning(december, new Date('2026-11-30T15:00:00Z'))).toBe(true);
    expect(isCampaignRunning(december, new Date('2026-12-31T14:59:59.999Z'))).toBe(true);
    expect(isCampaignRunning(december, new Date('2026-12-31T15:00:00Z'))).toBe(false);
    expect(campaignStatus(december, new Date('2026-11-01T00:00:00Z'))).toBe('scheduled');
    expect(campaignStatus(december, new Date('2026-12-10T00:00:00Z'))).toBe('running');
    expect(campaignStatus(december, new Date('2027-01-10T00:00:00Z'))).toBe('over');
  });

  it('ended early, it stops at that instant and its last day is that JST day', () => {
    const ended = { ...december, endedAt: new Date('2026-12-10T16:00:00Z') }; // 11 Dec 01:00 JST
    expect(isCampaignRunning(ended, new Date('2026-12-10T15:59:59Z'))).toBe(true);
    expect(isCampaignRunning(ended, new Date('2026-12-10T16:00:00Z'))).toBe(false);
    expect(campaignLastDay(ended)).toBe('2026-12-11');
    expect(campaignLastDay(december)).toBe('2026-12-31');
  });

  it('ended before it began, it never runs and overlaps nothing', () => {
    const cancelled = { ...december, endedAt: new Date('2026-11-20T00:00:00Z') };
    expect(campaignStatus(cancelled, new Date('2026-11-21T00:00:00Z'))).toBe('over');
    expect(isCampaignRunning(cancelled, new Date('2026-12-05T00:00:00Z'))).toBe(false);
    expect(campaignsOverlap(cancelled, december)).toBe(false);
    expect(campaignLastDay(cancelled)).toBe('2026-11-30');
  });

  it('overlap: sharing one day is overlapping, the next day after the last is not', () => {
    expect(campaignsOverlap(december, { startsOn: '2026-12-31', endsOn: '2027-01-05', endedAt: null })).toBe(true);
    expect(campaignsOverlap(december, { startsOn: '2027-01-01', endsOn: '2027-01-05', endedAt: null })).toBe(false);
    expect(campaignsOverlap(december, { startsOn: '2026-11-01', endsOn: '2026-11-30', endedAt: null })).toBe(false);
    // Ended on 10 Dec: the rest of December is free again.
    expect(campaignsOverlap({ ...december, endedAt: new Date('2026-12-10T03:00:00Z') }, { startsOn: '2026-12-11', endsOn: '2026-12-20', endedAt: null })).toBe(false);
  });
});
