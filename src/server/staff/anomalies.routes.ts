import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { safeParse } from 'zod/mini';
import { AnomalyQuerySchema, type AnomalyList } from '../../contract/staff';
import { HttpError } from '../http/http-error';
import { formatJstDate, jstDate, parseJstDate } from '../loyalty/jst';
import { requireRole } from './require-staff';
import type { StaffDeps } from './staff-deps';
import type { StaffEnv } from './staff-env';
import { registerAnomalies, reportStore } from './staff-reports.service';

const dayQuery = validator('query', (value) => {
  const parsed = safeParse(AnomalyQuerySchema, { day: value.day });
  const day = parsed.success ? (parsed.data.day === undefined ? undefined : parseJstDate(parsed.data.day)) : null;
  if (day === null) throw new HttpError(400, 'invalid_day', 'Choose a day as YYYY-MM-DD.', { day: 'A day as YYYY-MM-DD' });
  return { day };
});

/** GET /anomalies: the day's register patterns for managers (their own store) and admins (every store). */
export function anomalyRoutes(deps: Pick<StaffDeps, 'db' | 'program' | 'clock'>) {
  return new Hono<StaffEnv>().get('/anomalies', requireRole('manager', 'admin'), dayQuery, async (c) => {
    const day = c.req.valid('query').day ?? jstDate(deps.clock());
    const storeId = reportStore(c.get('staff'));
    const anomalies = await registerAnomalies(deps, { day, storeId });
    const body: AnomalyList = {
      day: formatJstDate(day),
      storeId,
      anomalies: anomalies.map((a) => (a.kind === 'near_limit' ? { ...a, at: a.at.toISOString() } : a)),
    };
    return c.json(body);
  });
}
