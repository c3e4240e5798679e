import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { safeParse } from 'zod/mini';
import { DashboardRangeSchema, type DashboardRange } from '../../contract/dashboard';
import type { Database } from '../db/database';
import { HttpError } from '../http/http-error';
import type { ProgramConfig } from '../loyalty/program-config';
import { requireRole, requireStaff } from '../staff/require-staff';
import type { StaffEnv } from '../staff/staff-env';
import type { StaffSessionCodec } from '../staff/staff-session';
import { programRules } from './figures';
import { blocksPerDay, couponFigures, funnel, linksPerDay, pointsLiability, reachableMembers, storeFigures } from './rollup-figures';

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`, checked with the contract; a bad range is a 400 that names the field. */
const rangeQuery = validator('query', (value): DashboardRange => {
  const result = safeParse(DashboardRangeSchema, { from: value.from, to: value.to });
  if (!result.success) {
    const fields: Record<string, string> = {};
    for (const issue of result.error.issues) fields[issue.path.join('.') || 'range'] ??= issue.message;
    throw new HttpError(400, 'invalid_range', 'Choose a date range: from and to as YYYY-MM-DD, from ≤ to.', fields);
  }
  return result.data;
});

/** What the dashboard reads: the figures' database and programme, and the staff sessions it signs in with. */
export type DashboardDeps = { db: Database; program: ProgramConfig; clock: () => Date; staffSessions: StaffSessionCodec };

/**
 * /api/admin: the operator dashboard's BFF, on the clerk console's staff sessions. Admins see the
 * whole programme; a manager sees only their own store's purchase figures. The figures come from
 * the rollups (rollup-figures.ts, kept by triggers); figures.ts is their set-based reference.
 */
export function dashboardRoutes(deps: DashboardDeps) {
  const adminOnly = requireRole('admin');
  return new Hono<StaffEnv>()
    .use('*', requireStaff(deps))
    .get('/funnel', adminOnly, rangeQuery, async (c) => c.json(await funnel(deps.db, deps.program, c.req.valid('query'))))
    .get('/links-per-day', adminOnly, rangeQuery, async (c) => c.json(await linksPerDay(deps.db, c.req.valid('query'))))
    .get('/coupons', adminOnly, rangeQuery, async (c) => c.json(await couponFigures(deps.db, c.req.valid('query'))))
    .get('/points-liability', adminOnly, async (c) => c.json(await pointsLiability(deps.db, deps.program, deps.clock())))
    .get('/reachable', adminOnly, async (c) => c.json(await reachableMembers(deps.db)))
    .get('/blocks-per-day', adminOnly, rangeQuery, async (c) => c.json(await blocksPerDay(deps.db, c.req.valid('query'))))
    .get('/stores', requireRole('admin', 'manager'), rangeQuery, async (c) => {
      const staff = c.get('staff');
      return c.json(await storeFigures(deps.db, deps.program, c.req.valid('query'), staff.role === 'admin' ? null : staff.storeId));
    })
    .get('/program', adminOnly, (c) => c.json(programRules(deps.program)))
    .all('*', () => {
      throw new HttpError(404, 'not_found', 'No such dashboard endpoint.');
    });
}
