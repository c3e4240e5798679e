import { Hono } from 'hono';
import { safeParse } from 'zod/mini';
import { CheckoutEndRequestSchema, MemberLookupRequestSchema, PurchasePreviewParamsSchema, type AuditLog, type PurchasePreview, type StaffMemberView } from '../../contract/staff';
import { HttpError, jsonBody } from '../http/http-error';
import { storeName, type ProgramConfig } from '../loyalty/program-config';
import { codeAllows } from '../members/member-code';
import { anomalyRoutes } from './anomalies.routes';
import { refusalError } from './register-refusals';
import { endCheckout, lookUpMember, type MemberLookup } from './register.service';
import { requireRole, requireStaff } from './require-staff';
import { staffActionRoutes } from './staff-actions.routes';
import { staffAuthRoutes, toStaffMe } from './staff-auth.routes';
import type { StaffDeps } from './staff-deps';
import type { StaffEnv } from './staff-env';
import { auditEntries, reportStore } from './staff-reports.service';

function memberView(program: ProgramConfig, { resolved, checkout, summary }: MemberLookup): StaffMemberView {
  const { member } = resolved;
  return {
    memberNumber: member.memberNumber,
    displayName: member.displayName,
    codeKind: resolved.kind,
    memberCode: resolved.code,
    checkout: checkout && { id: checkout.id, expiresAt: checkout.expiresAt.toISOString() },
    allows: { earn: codeAllows(program, resolved.kind, 'earn'), spend: codeAllows(program, resolved.kind, 'spend') },
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
    .get('/session', (c) => c.json(toStaffMe(c.get('staff'), deps.program)))
    // The register and the store reports are for store staff: marketing staff only sign in here.
    .use('*', requireRole('clerk', 'manager', 'admin'))
    // What a void of this receipt would undo, shown to the clerk before they confirm it.
    .get('/purchases/:receiptId', async (c) => {
      const params = safeParse(PurchasePreviewParamsSchema, { receiptId: c.req.param('receiptId') });
      if (!params.success) throw new HttpError(400, 'invalid_request', 'The receipt number is invalid.', { receiptId: 'Receipt id: letters, digits, . _ : - (up to 64)' });
      const purchase = await deps.loyalty.purchaseByReceipt({ storeId: c.get('staff').storeId, receiptId: params.data.receiptId });
      if (!purchase) throw refusalError({ reason: 'purchase_not_found' });
      const body: PurchasePreview = {
        receiptId: purchase.receiptId,
        amountYen: purchase.amountYen,
        pointsEarned: purchase.pointsEarned,
        stampAwarded: purchase.stampAwarded,
        at: purchase.purchasedAt.toISOString(),
        storeName: storeName(deps.program, purchase.storeId),
        memberNumber: purchase.memberNumber,
        voidedAt: purchase.voidedAt?.toISOString() ?? null,
      };
      return c.json(body);
    })
    .post('/member-lookups', jsonBody(MemberLookupRequestSchema), async (c) => {
      const outcome = await lookUpMember(deps, c.get('staff'), c.req.valid('json'));
      if (!outcome.ok) throw refusalError(outcome.refusal);
      return c.json(memberView(deps.program, outcome.result));
    })
    .post('/checkout-ends', jsonBody(CheckoutEndRequestSchema), async (c) => {
      const outcome = await endCheckout(deps, c.get('staff'), c.req.valid('json').checkout);
      if (!outcome.ok) throw refusalError(outcome.refusal);
      return c.body(null, 204);
    })
    .route('/', staffActionRoutes(deps))
    .route('/', anomalyRoutes(deps))
    .get('/audit', requireRole('manager', 'admin'), async (c) => {
      const rows = await auditEntries(deps, { storeId: reportStore(c.get('staff')), limit: AUDIT_PAGE });
      const body: AuditLog = { entries: rows.map((row) => ({ ...row, storeName: storeName(deps.program, row.storeId), at: row.at.toISOString() })) };
      return c.json(body);
    })
    .all('*', () => {
      throw new HttpError(404, 'not_found', 'No such staff endpoint.');
    });
}
