import type { StaffRole } from '../../contract/staff';

export type StaffPrincipal = { staffId: string; sessionId: string; username: string; displayName: string; storeId: string; role: StaffRole; sessionExpiresAt: Date };

/** Hono env of /api/staff/*: the signed-in staff member, set by requireStaff. */
export type StaffEnv = { Variables: { staff: StaffPrincipal } };
