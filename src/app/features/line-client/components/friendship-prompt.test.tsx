// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { shopperApiHandlers } from '../../../../../mocks/api-handlers';
import { FriendshipPrompt } from './friendship-prompt';
// The screens' words, as app.tsx installs them before any screen renders.
import '../../../lib/screen-words';

// What LIFF says on this phone, set per test: the only module that talks to @line/liff.
const liffState = vi.hoisted(() => ({ friend: false as boolean | null, canRequest: false }));
vi.mock('../../../lib/liff', () => ({
  getFriendship: async () => liffState.friend,
  isLiffApiAvailable: (api: string) => api === 'requestFriendship' && liffState.canRequest,
  requestFriendship: async () => {
    liffState.friend = true;
  },
}));
vi.mock('../../../lib/env', () => ({ clientEnv: { liffId: 'test-liff', officialAccountBasicId: '@member-card' } }));

const reports: unknown[] = [];
const server = setupServer(
  // Ahead of the shared handlers, which answer the same request without recording it.
  http.post('*/api/me/line-friendship', async ({ request }) => {
    reports.push(await request.json());
    return new HttpResponse(null, { status: 204 });
  }),
  ...shopperApiHandlers,
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  reports.length = 0;
});
afterAll(() => server.close());

function renderPrompt() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <FriendshipPrompt />
    </QueryClientProvider>,
  );
}

describe('friendship prompt', () => {
  it('where requestFriendship is unavailable, a non-friend gets the Official Account friend link, and the BFF hears "not a friend"', async () => {
    Object.assign(liffState, { friend: false, canRequest: false });
    renderPrompt();
    const link = await screen.findByRole('link', { name: '友だち追加する' });
    expect(link.getAttribute('href')).toBe('https://line.me/R/ti/p/@member-card');
    await waitFor(() => expect(reports).toEqual([{ friend: false }]));
  });

  it('a friend sees nothing, and the BFF hears "friend"', async () => {
    Object.assign(liffState, { friend: true, canRequest: true });
    renderPrompt();
    await waitFor(() => expect(reports).toEqual([{ friend: true }]));
    expect(screen.queryByTestId('friendship-prompt')).toBeNull();
  });

  it('where LIFF cannot tell (no linked Official Account), nothing is shown or reported', async () => {
    Object.assign(liffState, { friend: null, canRequest: true });
    renderPrompt();
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('friendship-prompt')).toBeNull();
    expect(reports).toEqual([]);
  });
});
