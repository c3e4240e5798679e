import { describe, expect, it } from 'vitest';
import { funnelPhases, linkRatio } from './campaign-funnel';

describe('the link funnel around a campaign', () => {
  it('before and after last as long as the campaign did, and stop at today', () => {
    const over = funnelPhases({ startsOn: '2026-12-01', lastDay: '2026-12-10' }, '2027-03-01');
    expect(over.before).toEqual({ from: '2026-11-21', to: '2026-11-30', days: 10 });
    expect(over.during).toEqual({ from: '2026-12-01', to: '2026-12-10', days: 10 });
    expect(over.after).toEqual({ from: '2026-12-11', to: '2026-12-20', days: 10 });
    expect(over.chart).toEqual({ from: '2026-11-21', to: '2026-12-20' });

    const running = funnelPhases({ startsOn: '2026-12-01', lastDay: '2026-12-31' }, '2026-12-05');
    expect(running.during).toEqual({ from: '2026-12-01', to: '2026-12-05', days: 5 });
    expect(running.after).toBeNull();
    expect(running.chart).toEqual({ from: '2026-10-31', to: '2026-12-05' });

    const justOver = funnelPhases({ startsOn: '2026-12-01', lastDay: '2026-12-10' }, '2026-12-12');
    expect(justOver.after).toEqual({ from: '2026-12-11', to: '2026-12-12', days: 2 });
  });

  it('the ratio compares links per day, and is null without links before or days during', () => {
    expect(linkRatio({ links: 10, days: 10 }, { links: 26, days: 10 })).toBe(2.6);
    expect(linkRatio({ links: 10, days: 10 }, { links: 6, days: 2 })).toBe(3);
    expect(linkRatio({ links: 0, days: 10 }, { links: 6, days: 2 })).toBeNull();
    expect(linkRatio({ links: 5, days: 10 }, { links: 0, days: 0 })).toBeNull();
  });
});
