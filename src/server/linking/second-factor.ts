import type { SecondFactor, SingleSecondFactor } from '../../contract/link';
import { normalisePhone } from '../../contract/profile';

/** Both factors against a card of ours: the member's birthday and its profile's phone number. */
export function ownCardFactorsMatch(card: { birthday: string | null; phone: string | null } | undefined, factor: { birthday: string; phone: string }): boolean {
  return !!card && card.birthday !== null && card.birthday === factor.birthday && card.phone != null && normalisePhone(card.phone) === normalisePhone(factor.phone);
}

/** The factors a request carries, one by one: the CRM checks each on its own. */
export function singleFactors(factor: SecondFactor): SingleSecondFactor[] {
  return factor.kind === 'birthday_and_phone'
    ? [
        { kind: 'birthday', birthday: factor.birthday },
        { kind: 'phone', phone: factor.phone },
      ]
    : [factor];
}
