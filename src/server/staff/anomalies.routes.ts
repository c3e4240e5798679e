import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { safeParse } from 'zod/mini';
import { AnomalyQuerySchema, type AnomalyList } from '../../contract/staff';
import { HttpError } from '../http/http-error';
import { endOfJstDay, formatJstDate, jstDate, parseJstDate, startOfJstDay } from '../loyalty/jst';
import { purchasesBetween } from '../loyalty/loyalty.repository';
import { findAnomalies } from '../loyalty/register-controls';
import { requireRole } from './require-staff';
import type { StaffDeps } from './staff-deps';
import type { StaffEnv } from './staff-env';
import { voidsByStaffBetween } from './staff.repository';

const dayQuery = validator('query', (value) => {
  const parsed = safeParse(AnomalyQuerySchema, { day: value.day });
  const day = parsed.success ? (parsed.data.day === undefined ? undefined : parseJstDate(parsed.data.day)) : null;
  if (day === null) throw new HttpError(400, 'invalid_day', 'Choose a day as YYYY-MM-DD.', { day: 'A day as YYYY-MM-DD' });
  return { day };
});

/** GET /anomalies: the day's register patterns for managers (their own store) and admins (every store). */
export function anomalyRoutes(deps: Pick<StaffDeps, 'db' | 'program' | 'clock'>) {
  return new Hono<StaffEnv>().get('/anomalies', requireRole('manager', 'admin'), dayQuery, async (c) => {
    const staff = c.get('staff');
    const day = c.req.valid('query').day ?? jstDate(deps.clock());
    const storeId = staff.role === 'admin' ? null : staff.storeId;
    const range = { from: startOfJstDay(day), to: endOfJstDay(day) };
    const [voidsByStaff, purchases] = await Promise.all([
      voidsByStaffBetween(deps.db, { ...range, storeId }),
      purchasesBetween(deps.db, range.from, range.to, storeId),
    ]);
    const anomalies = findAnomalies({ voidsByStaff, purchases }, deps.program.registerControls);
    const body: AnomalyList = {
      day: formatJstDate(day),
      storeId,
      anomalies: anomalies.map((a) => (a.kind === 'near_limit' ? { ...a, at: a.at.toISOString() } : a)),
    };
    return c.json(body);
  });
}
