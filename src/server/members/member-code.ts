import { MEMBER_NUMBER_LENGTH } from '../../contract/member-number';
import { normaliseScannedCode } from '../../contract/staff';
import type { Database } from '../db/database';
import { findMemberById, findMemberByNumber, findMemberIdByScannedNumber, type MemberRow } from './members.repository';
import { checkOtp, parseRotatingCode, type RotatingRule } from './rotating-code';

/** The programme's rotating-code settings this needs (the programme config satisfies it). */
export type RotatingCodePolicy = RotatingRule & { enabled: boolean; requiredFor: { earn: boolean; spend: boolean } };
type MemberCodeProgram = { memberCode: { rotating: RotatingCodePolicy } };

export type ResolvedMemberCode =
  | { member: MemberRow; kind: 'static'; code: string }
  | { member: MemberRow; kind: 'rotating'; code: string; timeStep: number };

export type MemberCodeResolution =
  | ({ ok: true } & ResolvedMemberCode)
  | { ok: false; reason: 'invalid_member_code' | 'member_not_found' | 'code_expired' };

const notFound = { ok: false, reason: 'member_not_found' } as const;

/** Static member numbers, old paper-card numbers and rotating codes, scanned or typed, end in this one lookup. */
export async function findMemberByCode(db: Database, program: MemberCodeProgram, raw: string, now: Date): Promise<MemberCodeResolution> {
  const code = normaliseScannedCode(raw);
  if (!/^\d+$/.test(code)) return { ok: false, reason: 'invalid_member_code' };
  if (code.length === MEMBER_NUMBER_LENGTH) {
    const member = await findMemberByNumber(db, code);
    return member ? { ok: true, member, kind: 'static', code } : notFound;
  }
  // An old paper-card number kept scannable after a link.
  const aliasedId = await findMemberIdByScannedNumber(db, code);
  const aliased = aliasedId ? await findMemberById(db, aliasedId) : undefined;
  if (aliased) return { ok: true, member: aliased, kind: 'static', code };
  const rotating = program.memberCode.rotating;
  const parsed = parseRotatingCode(code, MEMBER_NUMBER_LENGTH);
  if (!parsed || !rotating.enabled) return notFound;
  const member = await findMemberByNumber(db, parsed.memberNumber);
  if (!member) return notFound;
  const check = checkOtp({ secret: member.codeSecret, memberId: member.id, otp: parsed.otp, now, rule: rotating });
  if (check.status === 'expired') return { ok: false, reason: 'code_expired' };
  if (check.status === 'invalid') return notFound;
  return { ok: true, member, kind: 'rotating', code, timeStep: check.step };
}

export type CodeUse = 'earn' | 'spend';

/** Whether a code of this kind may be used to earn or spend: the programme may require the rotating code. */
export function codeAllows(program: MemberCodeProgram, kind: ResolvedMemberCode['kind'], use: CodeUse): boolean {
  const rotating = program.memberCode.rotating;
  return kind === 'rotating' || !rotating.enabled || !rotating.requiredFor[use];
}
