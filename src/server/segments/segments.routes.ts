import { Hono } from 'hono';
import {
  IdParamsSchema,
  PreviewRequestSchema,
  SegmentCountRequestSchema,
  SegmentInputSchema,
  SendRequestSchema,
  type SegmentCount,
  type SegmentList,
  type SegmentOptions,
  type SendCreated,
  type SendList,
} from '../../contract/segments';
import { HttpError, jsonBody, pathParams } from '../http/http-error';
import { requireRole, requireStaff } from '../staff/require-staff';
import type { StaffEnv } from '../staff/staff-env';
import type { StaffSessionCodec } from '../staff/staff-session';
import * as service from './segments.service';

function toHttpError(error: service.SegmentsError): HttpError {
  switch (error.code) {
    case 'invalid_filter':
      return new HttpError(400, 'invalid_filter', 'The segment filter does not fit the programme.', error.fields);
    case 'segment_not_found':
      return new HttpError(404, 'segment_not_found', 'No such segment.');
    case 'send_not_found':
      return new HttpError(404, 'send_not_found', 'No such send.');
    case 'send_not_scheduled':
      return new HttpError(409, 'send_not_scheduled', 'This send has already gone out or was cancelled.');
    case 'scheduled_in_past':
      return new HttpError(400, 'scheduled_in_past', 'Choose a time in the future, or send now.', { scheduledAt: 'In the past' });
  }
}

function unwrap<T>(outcome: { ok: true; result: T } | { ok: false; error: service.SegmentsError }): T {
  if (!outcome.ok) throw toHttpError(outcome.error);
  return outcome.result;
}

export type SegmentsRouteDeps = service.SegmentsDeps & { staffSessions: StaffSessionCodec };

/** /api/admin/segments: saved filters and their live size; admin and marketing staff only. */
export function segmentsRoutes(deps: SegmentsRouteDeps) {
  return new Hono<StaffEnv>()
    .use('*', requireStaff(deps), requireRole('admin', 'marketing'))
    .get('/', async (c) => c.json({ segments: await service.listSegments(deps) } satisfies SegmentList))
    .get('/options', (c) =>
      c.json({
        tiers: deps.program.tiers.map((tier) => ({ id: tier.id, name: tier.name })),
        stores: deps.program.stores.map((store) => ({ id: store.id, name: store.name })),
      } satisfies SegmentOptions),
    )
    .post('/count', jsonBody(SegmentCountRequestSchema), async (c) =>
      c.json({ members: unwrap(await service.countSegment(deps, c.req.valid('json').filter)) } satisfies SegmentCount),
    )
    .post('/', jsonBody(SegmentInputSchema), async (c) => c.json(unwrap(await service.createSegment(deps, c.get('staff'), c.req.valid('json'))), 201))
    .put('/:id', jsonBody(SegmentInputSchema), pathParams(IdParamsSchema), async (c) =>
      c.json(unwrap(await service.updateSegment(deps, c.req.valid('param').id, c.req.valid('json')))),
    )
    .delete('/:id', pathParams(IdParamsSchema), async (c) => {
      unwrap(await service.deleteSegment(deps, c.req.valid('param').id));
      return c.body(null, 204);
    });
}

/** /api/admin/sends: messages to segments (preview, send now or scheduled, cancel) and their reports; admin and marketing only. */
export function sendsRoutes(deps: SegmentsRouteDeps) {
  return new Hono<StaffEnv>()
    .use('*', requireStaff(deps), requireRole('admin', 'marketing'))
    .post('/preview', jsonBody(PreviewRequestSchema), async (c) => c.json(unwrap(await service.previewMessage(deps, c.req.valid('json')))))
    .get('/', async (c) => c.json({ sends: await service.listSends(deps) } satisfies SendList))
    .post('/', jsonBody(SendRequestSchema), async (c) => c.json(unwrap(await service.createSend(deps, c.get('staff'), c.req.valid('json'))) satisfies SendCreated, 201))
    .get('/:id', pathParams(IdParamsSchema), async (c) => c.json(unwrap(await service.sendReport(deps, c.req.valid('param').id))))
    .post('/:id/cancel', pathParams(IdParamsSchema), async (c) => {
      unwrap(await service.cancelSend(deps, c.get('staff'), c.req.valid('param').id));
      return c.body(null, 204);
    })
    .post('/:id/send-now', pathParams(IdParamsSchema), async (c) => {
      unwrap(await service.sendNow(deps, c.get('staff'), c.req.valid('param').id));
      return c.body(null, 204);
    });
}
