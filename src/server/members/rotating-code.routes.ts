import { Hono } from 'hono';
import type { RotatingCode } from '../../contract/rotating-code';
import { HttpError } from '../http/http-error';
import { rotatingCodeFor, timeStepAt } from './rotating-code';
import type { RotatingCodePolicy } from './member-code';
import type { ShopperEnv } from './shopper-env';

export type RotatingCodeRoutesDeps = {
  program: { memberCode: { rotating: RotatingCodePolicy & { symbology: RotatingCode['symbology'] } } };
  clock: () => Date;
};

/** GET /api/me/rotating-code: the shopper's current short-lived code (the card refetches it as it expires). */
export function rotatingCodeRoutes(deps: RotatingCodeRoutesDeps) {
  return new Hono<ShopperEnv>().get('/', async (c) => {
    const rule = deps.program.memberCode.rotating;
    if (!rule.enabled) throw new HttpError(404, 'rotating_code_disabled', 'This programme does not use a changing code.');
    const member = c.get('member');
    const now = deps.clock();
    const step = timeStepAt(now, rule.periodSeconds);
    const body: RotatingCode = {
      code: rotatingCodeFor({ secret: member.codeSecret, memberId: member.id, memberNumber: member.memberNumber, step }),
      symbology: rule.symbology,
      periodSeconds: rule.periodSeconds,
      expiresAt: new Date((step + 1) * rule.periodSeconds * 1000).toISOString(),
    };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });
}
