import { eq } from 'drizzle-orm';
import { normaliseScannedCode } from '../../contract/staff';
import type { Database } from '../db/database';
import { members } from '../db/schema/members';
import { HttpError } from '../http/http-error';
import type { ProgramConfig } from '../loyalty/program-config';
import { findMemberIdByScannedNumber } from '../linking/scanned-number';
import { MEMBER_NUMBER_LENGTH } from '../../contract/member-number';
import type { MemberRow } from '../members/members.repository';
import { checkOtp, parseRotatingCode } from './rotating-code';

export type ResolvedMemberCode =
  | { member: MemberRow; kind: 'static'; code: string }
  | { member: MemberRow; kind: 'rotating'; code: string; timeStep: number };

async function findByNumber(db: Database, memberNumber: string) {
  const rows = await db.select().from(members).where(eq(members.memberNumber, memberNumber)).limit(1);
  return rows[0];
}

const notFound = () =>
  new HttpError(404, 'member_not_found', 'No member has this code. Check the digits or scan the card again.');

/** Static member numbers and rotating codes, scanned or typed, end in this one lookup. */
export async function resolveMemberCode(db: Database, program: ProgramConfig, raw: string, now: Date): Promise<ResolvedMemberCode> {
  const code = normaliseScannedCode(raw);
  if (!/^\d+$/.test(code)) throw new HttpError(400, 'invalid_member_code', 'A member code has digits only. Scan the card again.');
  if (code.length === MEMBER_NUMBER_LENGTH) {
    const member = await findByNumber(db, code);
    if (!member) throw notFound();
    return { member, kind: 'static', code };
  }
  // An old paper-card number kept scannable after a link.
  const aliasedId = await findMemberIdByScannedNumber(db, code);
  const aliased = aliasedId ? (await db.select().from(members).where(eq(members.id, aliasedId)).limit(1))[0] : undefined;
  if (aliased) return { member: aliased, kind: 'static', code };
  const rotating = program.memberCode.rotating;
  const parsed = parseRotatingCode(code, MEMBER_NUMBER_LENGTH);
  if (!parsed || !rotating.enabled) throw notFound();
  const member = await findByNumber(db, parsed.memberNumber);
  if (!member) throw notFound();
  const check = checkOtp({ secret: member.codeSecret, memberId: member.id, otp: parsed.otp, now, rule: rotating });
  if (check.status === 'expired') {
    throw new HttpError(422, 'code_expired', 'This code has expired. Ask the shopper to show the current code on the card and scan again.');
  }
  if (check.status === 'invalid') throw notFound();
  return { member, kind: 'rotating', code, timeStep: check.step };
}

export type CodeUse = 'earn' | 'spend';

export function codeAllows(program: ProgramConfig, kind: ResolvedMemberCode['kind'], use: CodeUse): boolean {
  const rotating = program.memberCode.rotating;
  return kind === 'rotating' || !rotating.enabled || !rotating.requiredFor[use];
}

export function requireCodeAllows(program: ProgramConfig, resolved: ResolvedMemberCode, use: CodeUse): void {
  if (codeAllows(program, resolved.kind, use)) return;
  throw new HttpError(
    403,
    'rotating_code_required',
    use === 'spend'
      ? 'Using points or coupons needs the changing code on the shopper’s card, not the member number. Ask the shopper to show it and scan again.'
      : 'Earning needs the changing code on the shopper’s card. Ask the shopper to show it and scan again.',
  );
}
