// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixtureGoogleSaveLink, shopperApiHandlers } from '../../../../../mocks/api-handlers';
import WalletButtons from './wallet-buttons';
// The screens' words, as app.tsx installs them before any screen renders.
import '../../../lib/screen-words';

// The phone LIFF runs on, set per test; the external windows opened are recorded.
const liffState = vi.hoisted(() => ({ os: 'web' as 'ios' | 'android' | 'web', opened: [] as string[] }));
vi.mock('../../../lib/liff', () => ({
  getLiffOs: async () => liffState.os,
  openExternalWindow: async (url: string) => {
    liffState.opened.push(url);
  },
}));

let offered = { apple: true, google: true };
let availabilityAnswers = 0;
const server = setupServer(
  http.get('*/api/me/wallets', () => {
    availabilityAnswers += 1;
    return HttpResponse.json(offered);
  }),
  http.post('*/api/me/wallet/apple/link', () => HttpResponse.json({ url: 'https://card.example.jp/wallet/apple/download/signed', expiresAt: '2026-12-02T03:05:00.000Z' })),
  ...shopperApiHandlers,
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  liffState.opened.length = 0;
});
afterAll(() => server.close());

function renderButtons() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <WalletButtons />
    </QueryClientProvider>,
  );
}

describe('wallet buttons', () => {
  it('an Android phone gets the Google Wallet button, which opens the save link outside LINE', async () => {
    Object.assign(liffState, { os: 'android' });
    offered = { apple: true, google: true };
    renderButtons();
    fireEvent.click(await screen.findByRole('button', { name: 'Google ウォレットに追加' }));
    await waitFor(() => expect(liffState.opened).toEqual([fixtureGoogleSaveLink.url]));
    expect(screen.queryByRole('button', { name: 'Apple Walletに追加' })).toBeNull();
  });

  it('an iPhone gets the Apple Wallet button, which opens the signed download link outside LINE', async () => {
    Object.assign(liffState, { os: 'ios' });
    offered = { apple: true, google: true };
    renderButtons();
    fireEvent.click(await screen.findByRole('button', { name: 'Apple Walletに追加' }));
    await waitFor(() => expect(liffState.opened).toEqual(['https://card.example.jp/wallet/apple/download/signed']));
    expect(screen.queryByRole('button', { name: 'Google ウォレットに追加' })).toBeNull();
  });

  it('a wallet the brand has not configured shows no button', async () => {
    Object.assign(liffState, { os: 'ios' });
    offered = { apple: false, google: true };
    const before = availabilityAnswers;
    const { container } = renderButtons();
    await waitFor(() => expect(availabilityAnswers).toBe(before + 1));
    // One more turn for the answer to render.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.querySelector('button')).toBeNull();
  });

  it('a failed link says so and opens nothing', async () => {
    Object.assign(liffState, { os: 'android' });
    offered = { apple: false, google: true };
    server.use(http.get('*/api/me/wallet/google', () => HttpResponse.json({ error: { code: 'internal', message: 'x' } }, { status: 500 })));
    renderButtons();
    fireEvent.click(await screen.findByRole('button', { name: 'Google ウォレットに追加' }));
    expect((await screen.findByRole('alert')).textContent).toContain('ウォレットを開けませんでした');
    expect(liffState.opened).toEqual([]);
  });
});
