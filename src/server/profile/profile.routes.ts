import { Hono } from 'hono';
import { ProfileInputSchema } from '../../contract/profile';
import { HttpError, jsonBody } from '../http/http-error';
import { memberGone, type ShopperEnv } from '../members/shopper-env';
import { readProfile, saveProfile, type ProfileDeps } from './profile.service';

export type ProfileRoutesDeps = ProfileDeps;

/** /api/me/profile: read and complete the profile (same zod schema as the form). */
export function profileRoutes(deps: ProfileRoutesDeps) {
  return new Hono<ShopperEnv>()
    .get('/', async (c) => {
      const outcome = await readProfile(deps, c.get('memberId'));
      if (!outcome.ok) throw memberGone();
      return c.json(outcome.view);
    })
    .put('/', jsonBody(ProfileInputSchema), async (c) => {
      const outcome = await saveProfile(deps, c.get('memberId'), c.req.valid('json'));
      if (outcome.ok) return c.json(outcome.saved);
      switch (outcome.reason) {
        case 'session_gone':
          throw memberGone();
        case 'birthday_in_future':
          throw new HttpError(400, 'invalid_request', 'The request body is invalid.', { birthday: 'profile.error.birthday' });
        case 'birthday_locked':
          throw new HttpError(409, 'birthday_locked', 'The birthday can no longer be changed here. Please ask our staff.', { birthday: 'profile.error.birthdayLocked' });
      }
    });
}
