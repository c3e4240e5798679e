import type { Database } from '../db/database';
import { HttpError } from '../http/http-error';
import type { ProgramConfig } from '../loyalty/program-config';
import { codeAllows, findMemberByCode, type CodeUse, type ResolvedMemberCode } from '../members/member-code';

/** The clerk's scan or typed code as a member, or the HTTP error the console shows for it. */
export async function resolveMemberCode(db: Database, program: ProgramConfig, raw: string, now: Date): Promise<ResolvedMemberCode> {
  const found = await findMemberByCode(db, program, raw, now);
  if (found.ok) return found;
  switch (found.reason) {
    case 'invalid_member_code':
      throw new HttpError(400, 'invalid_member_code', 'A member code has digits only. Scan the card again.');
    case 'code_expired':
      throw new HttpError(422, 'code_expired', 'This code has expired. Ask the shopper to show the current code on the card and scan again.');
    case 'member_not_found':
      throw new HttpError(404, 'member_not_found', 'No member has this code. Check the digits or scan the card again.');
  }
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
