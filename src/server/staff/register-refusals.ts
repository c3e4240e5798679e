import { HttpError } from '../http/http-error';
import { refusalCode, type CheckoutRefusal, type RegisterRefusal } from './register.service';

const yenText = (yen: number) => `¥${yen.toLocaleString('en-US')}`;

const checkoutMessages: Record<CheckoutRefusal, string> = {
  other_checkout: 'This code was already used for another payment. Ask the shopper to show the current code and scan again.',
  checkout_closed: 'This code was already used for a payment that has ended. Ask the shopper to show the current code and scan again.',
};

/** A register refusal as the console shows it: a status, the refusal's code and what the clerk can do. */
export function refusalError(refusal: RegisterRefusal): HttpError {
  const error = (status: 400 | 403 | 404 | 409 | 422 | 423, message: string) => new HttpError(status, refusalCode(refusal), message);
  switch (refusal.reason) {
    case 'invalid_member_code':
      return error(400, 'A member code has digits only. Scan the card again.');
    case 'code_expired':
      return error(422, 'This code has expired. Ask the shopper to show the current code on the card and scan again.');
    case 'member_not_found':
      return error(404, 'No member has this code. Check the digits or scan the card again.');
    case 'rotating_code_required':
      return error(
        403,
        refusal.use === 'spend'
          ? 'Using points or coupons needs the changing code on the shopper’s card, not the member number. Ask the shopper to show it and scan again.'
          : 'Earning needs the changing code on the shopper’s card. Ask the shopper to show it and scan again.',
      );
    case 'approval_self':
      return error(403, 'You cannot approve your own action. Ask a manager to enter their staff id and password.');
    case 'approver_locked':
      return error(423, 'This manager account is locked after too many failed attempts. Ask another manager.');
    case 'approval_invalid':
      return error(403, "The approver's staff id or password is wrong.");
    case 'approval_not_allowed':
      return error(403, 'Only a manager of this store (or an admin) can approve this.');
    // The programme's register limits: refused with the figure, so the clerk knows what to do.
    case 'amount_above_limit':
      return error(422, `A single purchase can be at most ${yenText(refusal.limit)}. Split the receipt or ask head office.`);
    case 'member_daily_purchases':
      return error(422, `This member already has ${refusal.limit} purchases today, the most allowed in one day.`);
    case 'member_daily_points':
      return error(422, `This purchase would take the member past ${refusal.limit} points earned today, the most allowed in one day.`);
    case 'approval_required':
      return error(403, `Purchases above ${yenText(refusal.limit)} need a manager's approval: the manager enters their staff id and password.`);
    case 'member_gone':
      return error(404, 'This membership no longer exists.');
    case 'receipt_conflict':
      return error(409, 'This receipt number is already recorded at this store for another member or amount. Check the receipt.');
    case 'idempotency_key_conflict':
      return error(409, 'This attempt was already used for a different request. Start the action again.');
    case 'coupon_not_found':
      return error(404, 'This member has no coupon with this code.');
    case 'coupon_used':
      return error(409, 'This coupon has already been used.');
    case 'coupon_expired':
      return error(409, 'This coupon has expired.');
    case 'coupon_not_yet_valid':
      return error(409, 'This coupon cannot be used yet.');
    case 'purchase_not_found':
      return error(404, 'No purchase with this receipt number at this store.');
    case 'insufficient_points':
      return error(409, `Not enough points: the balance is ${refusal.pointsBalance} pt, ${refusal.points} pt were asked.`);
    case 'code_replayed':
      return error(409, checkoutMessages[refusal.checkout]);
    case 'checkout_not_authorised':
      return error(403, 'This checkout was not opened on this register. Scan the shopper’s current code.');
    case 'checkout_ended':
      return error(409, 'This checkout has ended (「次のお客様」, log out, or its time ran out). Ask the shopper to show the current code and scan again.');
    case 'idempotency_key_reused':
      return error(422, 'This Idempotency-Key was already used for a different request. Send a new key for a new action.');
  }
}
