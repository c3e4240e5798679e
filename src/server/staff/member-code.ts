import type { Database } from '../db/database';
import type { ProgramConfig } from '../loyalty/program-config';
import { codeAllows, findMemberByCode, type CodeUse, type ResolvedMemberCode } from '../members/member-code';

export type MemberCodeRefusal = { reason: 'invalid_member_code' | 'code_expired' | 'member_not_found' };
export type CodeUseRefusal = { reason: 'rotating_code_required'; use: CodeUse };

/** The clerk's scan or typed code as a member, or why it names none. */
export async function resolveMemberCode(
  db: Database,
  program: ProgramConfig,
  raw: string,
  now: Date,
): Promise<({ ok: true } & ResolvedMemberCode) | { ok: false; refusal: MemberCodeRefusal }> {
  const found = await findMemberByCode(db, program, raw, now);
  return found.ok ? found : { ok: false, refusal: { reason: found.reason } };
}

/** The programme may require the rotating code to earn or to spend: null when this code may be used. */
export function codeUseRefusal(program: ProgramConfig, resolved: ResolvedMemberCode, use: CodeUse): CodeUseRefusal | null {
  return codeAllows(program, resolved.kind, use) ? null : { reason: 'rotating_code_required', use };
}
