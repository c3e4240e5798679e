import type { Database } from '../db/database';
import { endMemberSessions, findOrCreateMemberByLineUser, type MemberRow } from '../members/members.repository';
import { IdTokenError, type IdTokenVerifier } from './id-token';
import type { SessionCodec } from './session';

export type SessionServiceDeps = {
  db: Database;
  program: { memberCode: { prefix: string } };
  verifyIdToken: IdTokenVerifier;
  sessions: SessionCodec;
};

export type OpenSessionOutcome =
  | { ok: true; token: string; member: MemberRow; isNewMember: boolean }
  | { ok: false; reason: 'invalid_id_token'; message: string };

/** LINE Login's ID token in, the BFF's session out; the first open creates the member (ID-first registration). */
export async function openSession(deps: SessionServiceDeps, idToken: string): Promise<OpenSessionOutcome> {
  let identity;
  try {
    identity = await deps.verifyIdToken(idToken);
  } catch (error) {
    if (error instanceof IdTokenError) return { ok: false, reason: 'invalid_id_token', message: error.message };
    throw error;
  }
  const { member, created } = await findOrCreateMemberByLineUser(deps.db, {
    lineUserId: identity.lineUserId,
    displayName: identity.name,
    memberNumberPrefix: deps.program.memberCode.prefix,
  });
  const token = await deps.sessions.issue({ memberId: member.id, generation: member.sessionGeneration });
  return { ok: true, token, member, isNewMember: created };
}

/**
 * Logout ends every session of the member, on this device and any other (a copied cookie included);
 * an already revoked token changes nothing, so an old copy cannot keep logging the member out.
 */
export async function endSession(deps: Pick<SessionServiceDeps, 'db' | 'sessions'>, token: string | undefined): Promise<void> {
  const session = token ? await deps.sessions.read(token) : null;
  if (session) await endMemberSessions(deps.db, session.memberId, session.generation);
}
