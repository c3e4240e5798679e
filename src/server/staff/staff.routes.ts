import { Hono } from 'hono';
import { MemberLookupRequestSchema, type AuditLog, type StaffMemberView } from '../../contract/staff';
import { HttpError, jsonBody } from '../http/http-error';
import { anomalyRoutes } from './anomalies.routes';
import { audited } from './audited';
import { codeAllows, type ResolvedMemberCode } from '../members/member-code';
import { resolveMemberCode } from './member-code';
import { requireRole, requireStaff } from './require-staff';
import { staffActionRoutes } from './staff-actions.routes';
import { staffAuthRoutes, toStaffMe } from './staff-auth.routes';
import type { StaffDeps } from './staff-deps';
import type { StaffEnv } from './staff-env';
import { listAudit } from './staff.repository';

export async function memberView(deps: Pick<StaffDeps, 'program' | 'loyalty'>, resolved: ResolvedMemberCode): Promise<StaffMemberView> {
  const { member } = resolved;
  const summary = await deps.loyalty.memberSummary(member.id);
  return {
    memberNumber: member.memberNumber,
    displayName: member.displayName,
    codeKind: resolved.kind,
    memberCode: resolved.code,
    allows: { earn: codeAllows(deps.program, resolved.kind, 'earn'), spend: codeAllows(deps.program, resolved.kind, 'spend') },
    pointsBalance: summary.pointsBalance,
    soonestExpiry: summary.soonestExpiry && { points: summary.soonestExpiry.points, expiresAt: summary.soonestExpiry.expiresAt.toISOString() },
    tier: summary.tier,
    stamps: summary.stamps,
    usableCoupons: summary.usableCoupons,
  };
}

const AUDIT_PAGE = 200;

/** /api/staff: the clerk console's BFF. Separate cookie and codec from the shopper's /api/me. */
export function staffRoutes(deps: StaffDeps) {
  return new Hono<StaffEnv>()
    .route('/', staffAuthRoutes(deps))
    .use('*', requireStaff(deps))
    .get('/session', (c) => c.json(toStaffMe(c.get('staff'))))
    .post('/member-lookups', jsonBody(MemberLookupRequestSchema), async (c) => {
      const { code } = c.req.valid('json');
      const view = await audited(deps, c, 'member_lookup', async (note) => {
        const resolved = await resolveMemberCode(deps.db, deps.program, code, deps.clock());
        note.memberId(resolved.member.id);
        return { result: await memberView(deps, resolved), detail: { codeKind: resolved.kind } };
      });
      return c.json(view);
    })
    .route('/', staffActionRoutes(deps))
    .route('/', anomalyRoutes(deps))
    .get('/audit', requireRole('manager', 'admin'), async (c) => {
      const staff = c.get('staff');
      const rows = await listAudit(deps.db, { storeId: staff.role === 'admin' ? null : staff.storeId, limit: AUDIT_PAGE });
      const body: AuditLog = { entries: rows.map((row) => ({ ...row, at: row.at.toISOString() })) };
      return c.json(body);
    })
    .all('*', () => {
      throw new HttpError(404, 'not_found', 'No such staff endpoint.');
    });
}
