import { HttpError } from '../http/http-error';
import type { MemberRow } from './members.repository';

/** Hono env of /api/me/*: requireShopper sets the session's member, read once per request. */
export type ShopperEnv = { Variables: { memberId: string; member: MemberRow } };

/**
 * The session's member disappeared during the request (withdrawn, or the card moved to another
 * LINE account): the shopper logs in again, as with a lost session.
 */
export const memberGone = () => new HttpError(401, 'session_required', 'This membership no longer exists. Please log in again.');
