import { Hono } from 'hono';
import type { AppDeps } from '../http/app-deps';
import type { StaffEnv } from './staff-env';

/** Register actions; filled in once the loyalty services are merged. */
export function staffActionRoutes(_deps: AppDeps) {
  return new Hono<StaffEnv>();
}
