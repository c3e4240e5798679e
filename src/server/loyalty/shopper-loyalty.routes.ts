import { Hono } from 'hono';
import type { CouponList } from '../../contract/coupons';
import type { PointsOverview } from '../../contract/points';
import type { StampCard } from '../../contract/stamps';
import type { ShopperEnv } from '../members/shopper-env';
import type { LoyaltyService } from './loyalty.service';
import { historyLabel } from './history-labels';
import { storeName, type ProgramConfig } from './program-config';
import { HttpError } from '../http/http-error';

export type ShopperLoyaltyRoutesDeps = {
  program: Pick<ProgramConfig, 'stamps' | 'stores'>;
  loyalty: Pick<LoyaltyService, 'pointsOverview' | 'stampCard' | 'coupons'>;
};

/** The shopper's own points, stamps and coupons (`/api/me/*`, behind requireShopper). */
export function shopperLoyaltyRoutes(deps: ShopperLoyaltyRoutesDeps) {
  return new Hono<ShopperEnv>()
    .get('/points', async (c) => {
      const overview = await deps.loyalty.pointsOverview(c.get('memberId'));
      const body: PointsOverview = {
        balance: overview.balance,
        upcomingExpiries: overview.upcomingExpiries.map((e) => ({ points: e.points, expiresAt: e.expiresAt.toISOString() })),
        history: overview.history.map((h) => {
          const label = historyLabel(h);
          return {
            id: String(h.id),
            kind: h.kind,
            points: h.points,
            at: h.at.toISOString(),
            label,
            storeName: storeName(deps.program, h.storeId),
            amountYen: h.kind === 'earn' ? h.amountYen : null,
            voidedPurchase:
              label === 'purchase_void' && h.receiptId !== null && h.amountYen !== null && h.purchasedAt !== null
                ? { receiptId: h.receiptId, amountYen: h.amountYen, at: h.purchasedAt.toISOString() }
                : null,
          };
        }),
      };
      return c.json(body);
    })
    .get('/stamps', async (c) => {
      const [card, coupons] = await Promise.all([deps.loyalty.stampCard(c.get('memberId')), deps.loyalty.coupons(c.get('memberId'))]);
      const rewards = coupons.filter((k) => k.kind === 'stamp_reward' && k.status === 'usable');
      const rewardWaiting = rewards.reduce<(typeof rewards)[number] | null>((newest, k) => (!newest || k.validFrom > newest.validFrom ? k : newest), null);
      const { cardSize, minPurchaseYen, reward } = deps.program.stamps;
      const body: StampCard = {
        cardSize,
        stamps: card.stamps.map((s) => ({ at: s.stampedAt.toISOString() })),
        completedCards: card.completedCards,
        minPurchaseYen,
        reward: { title: reward.title, discount: reward.discount },
        rewardWaiting,
      };
      return c.json(body);
    })
    .get('/coupons', async (c) => {
      const body: CouponList = { coupons: await deps.loyalty.coupons(c.get('memberId')) };
      return c.json(body);
    })
    .get('/coupons/:id', async (c) => {
      const coupon = (await deps.loyalty.coupons(c.get('memberId'))).find((k) => k.id === c.req.param('id'));
      if (!coupon) throw new HttpError(404, 'coupon_not_found', 'This coupon does not exist or is not yours.');
      return c.json(coupon);
    });
}
