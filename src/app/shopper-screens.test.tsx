// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixtureCard, fixtureCoupon, shopperApiHandlers } from '../../mocks/api-handlers';
import { useLocaleStore } from '../shared/i18n';
import { CardScreen } from './features/card/components/card-screen';
import { CouponDetailScreen } from './features/coupons/components/coupon-detail-screen';
import { CouponListScreen } from './features/coupons/components/coupon-list-screen';
import { PointsScreen } from './features/points/components/points-screen';
import { StampCardScreen } from './features/stamps/components/stamp-card-screen';
// The screens' words, as app.tsx installs them before any screen renders.
import './lib/screen-words';

/** The shopper's screens rendered against the contract-typed MSW handlers, without a BFF. */
// The share button reaches LIFF (and its client configuration); the coupon screen is tested without it.
vi.mock('./components/share-link-button', () => ({ ShareLinkButton: () => null }));

const server = setupServer(...shopperApiHandlers);
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // happy-dom has no canvas; JsBarcode only measures the printed digits with it.
  HTMLCanvasElement.prototype.getContext = (() => ({ font: '', measureText: (text: string) => ({ width: text.length * 8 }) })) as never;
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  localStorage.clear();
  useLocaleStore.getState().setLocale('ja');
});
afterAll(() => server.close());

function renderScreen(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

describe('shopper screens', () => {
  it('card home: balance, expiry warning in JST, tier gap and bar, stamps, coupons', async () => {
    renderScreen(<CardScreen />);
    expect(await screen.findByTestId('points-balance')).toHaveProperty('textContent', '770pt');
    expect(screen.getByTestId('expiry-warning').textContent).toBe('200 pt が 2026/11/30 に失効');
    expect(screen.getByTestId('tier-progress').textContent).toContain('あと ¥3,000 で REINE');
    expect(within(screen.getByTestId('tier-progress')).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('94');
    expect(screen.getByTestId('stamp-preview').textContent).toContain('スタンプ 9/10');
    expect(screen.getByTestId('coupon-count').textContent).toBe('使えるクーポン 1 枚');
  });

  it('card home in English', async () => {
    useLocaleStore.getState().setLocale('en');
    renderScreen(<CardScreen />);
    expect((await screen.findByTestId('expiry-warning')).textContent).toBe('200 pt expire on Nov 30, 2026');
    expect(screen.getByTestId('tier-progress').textContent).toContain('¥3,000 more to REINE');
  });

  it('the top tier shows no gap', async () => {
    server.use(
      http.get('*/api/me/card', () =>
        HttpResponse.json({
          ...fixtureCard,
          tier: { current: { id: 'REINE', name: 'REINE', minSpendYen: 50_000 }, next: null, spendYen: 61_000, gapYen: 0, ratio: 1 },
        }),
      ),
    );
    renderScreen(<CardScreen />);
    expect((await screen.findByTestId('tier-progress')).textContent).toContain('最上位ステージです');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('points: upcoming expiries by date and the history with stores', async () => {
    renderScreen(<PointsScreen />);
    const expiries = await screen.findByRole('list', { name: '失効予定' });
    expect(within(expiries).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('2026/11/30'),
      expect.stringContaining('2027/10/31'),
    ]);
    expect(screen.getAllByText('+120 pt')).toHaveLength(1);
    expect(screen.getByText('-50 pt')).toBeTruthy();
  });

  it('points history: plain labels, store names, time of day, grouped by JST month', async () => {
    renderScreen(<PointsScreen />);
    const november = await screen.findByRole('list', { name: '2026年11月の履歴' });
    expect(within(november).getAllByTestId('points-history-row').map((row) => row.textContent)).toEqual([
      'お買い上げの取消2026/11/18 14:30 · 渋谷店2026/11/18 のお買い上げ ¥12,000（レシート R-1001）の取消-120 pt',
      'お買い上げ2026/11/18 12:00 · 渋谷店 · お買い上げ ¥12,000+120 pt',
      'プロフィール登録ボーナス2026/11/02 10:00+100 pt',
    ]);
    expect(screen.getByRole('list', { name: '2026年10月の履歴' }).textContent).toContain('ポイントのご利用2026/10/01 12:00 · 梅田店');
    expect(screen.getByRole('list', { name: '2026年9月の履歴' }).textContent).toContain('有効期限による失効');
  });

  it('points history in English: English labels, store names and dates', async () => {
    useLocaleStore.getState().setLocale('en');
    renderScreen(<PointsScreen />);
    const november = await screen.findByRole('list', { name: 'History for November 2026' });
    expect(within(november).getAllByTestId('points-history-row')[0]!.textContent).toBe(
      'Purchase cancelledNov 18, 2026 14:30 · ShibuyaCancels the ¥12,000 purchase of Nov 18, 2026 (receipt R-1001)-120 pt',
    );
  });

  it('stamp card: nine filled slots of ten and the reward', async () => {
    renderScreen(<StampCardScreen />);
    expect((await screen.findByTestId('stamp-progress')).textContent).toBe('9 / 10 個');
    expect(screen.getByText(/スタンプ特典 ¥1,000 OFF/)).toBeTruthy();
  });

  it('coupons: the list marks each coupon with its status', async () => {
    renderScreen(<CouponListScreen />);
    expect(await screen.findByText('バースデー 10% OFF')).toBeTruthy();
    expect(screen.getByText('利用可能')).toBeTruthy();
  });

  it("coupons in English: the programme's English title and English dates", async () => {
    useLocaleStore.getState().setLocale('en');
    renderScreen(<CouponListScreen />);
    expect(await screen.findByText('Birthday: 10% off')).toBeTruthy();
    expect(screen.queryByText('バースデー 10% OFF')).toBeNull();
    expect(screen.getByText('Nov 1, 2026 – Nov 30, 2026')).toBeTruthy();
  });

  it('stamp card in English names the reward in English', async () => {
    useLocaleStore.getState().setLocale('en');
    renderScreen(<StampCardScreen />);
    expect(await screen.findByText(/Stamp card reward: ¥1,000 off/)).toBeTruthy();
  });

  it('a busy BFF is said in the shopper’s words, with a retry, never its technical text', async () => {
    server.use(http.get('*/api/me/points', () => HttpResponse.json({ error: { code: 'unavailable', message: 'Service Unavailable' } }, { status: 503 })));
    renderScreen(<PointsScreen />);
    expect(await screen.findByText(/ただいま混み合っています/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'もう一度試す' })).toBeTruthy();
    expect(screen.queryByText(/Service Unavailable/)).toBeNull();
  });

  it('no connection is said as such, not as "Failed to fetch"', async () => {
    server.use(http.get('*/api/me/points', () => HttpResponse.error()));
    renderScreen(<PointsScreen />);
    expect(await screen.findByText(/通信できませんでした/)).toBeTruthy();
    expect(screen.queryByText(/Failed to fetch/)).toBeNull();
  });

  it('an unexpected server error is not shown raw', async () => {
    server.use(http.get('*/api/me/points', () => new HttpResponse('Internal Server Error', { status: 500 })));
    renderScreen(<PointsScreen />);
    expect(await screen.findByText(/サービスで問題が起きました/)).toBeTruthy();
    expect(screen.queryByText(/Internal Server Error|HTTP 500/)).toBeNull();
  });

  it('a used coupon says when and at which store it was used, and every coupon states its terms', async () => {
    const used = { ...fixtureCoupon, status: 'used' as const, usedAt: '2026-11-20T09:05:00.000Z', usedAtStore: { ja: '渋谷店', en: 'Shibuya' } };
    server.use(http.get('*/api/me/coupons', () => HttpResponse.json({ coupons: [used] })));
    renderScreen(<CouponDetailScreen couponId={used.id} />);
    expect((await screen.findByTestId('coupon-used')).textContent).toBe('2026/11/20 18:05 に渋谷店で使用しました');
    expect(screen.getByRole('heading', { name: 'ご利用条件' })).toBeTruthy();
    expect(screen.queryByTestId('coupon-barcode')).toBeNull();
  });
});
