import type { MemberRow } from './members.repository';

/** Hono env of /api/me/*: requireShopper sets the session's member, read once per request. */
export type ShopperEnv = { Variables: { memberId: string; member: MemberRow } };
