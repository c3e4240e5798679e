import liff from '@line/liff/core';
import GetIDToken from '@line/liff/get-id-token';
import IsInClient from '@line/liff/is-in-client';
import IsLoggedIn from '@line/liff/is-logged-in';
import Login from '@line/liff/login';
import Logout from '@line/liff/logout';
import { liffMockEnabled } from './env';

/**
 * The only module that imports @line/liff: the pluggable core plus just the modules used.
 * In mock mode @line/liff-mock is loaded through a dynamic import and fed ID tokens that the
 * dev BFF signed for a persona, so the BFF verifies them exactly as it verifies LINE's.
 */

export type MockIdentity = { idToken: string; profile: { userId: string; displayName: string } };

export type LiffAuth = {
  /** The current LIFF ID token (LIFF may hand out a cached, expired one: see `relogin`). */
  getIdToken: () => Promise<string>;
  /** LIFF keeps serving an expired cached token, so a 401 means log out and log in again. */
  relogin: () => Promise<void>;
};

type MockApi = { set: (fn: (prev: Record<string, unknown>) => Record<string, unknown>) => void };

export async function initLiff(options: { liffId: string; mockIdentity?: () => Promise<MockIdentity> }): Promise<LiffAuth> {
  // IsInClient must be installed before the mock plugin, which calls it while installing.
  liff.use(new IsInClient());
  liff.use(new IsLoggedIn());
  liff.use(new Login());
  liff.use(new Logout());
  liff.use(new GetIDToken());

  if (liffMockEnabled && options.mockIdentity) {
    const { LiffMockPlugin } = await import('@line/liff-mock');
    // liff-mock is typed against the full SDK; at run time it only needs isInClient on the core.
    liff.use(new LiffMockPlugin() as unknown as Parameters<typeof liff.use>[0]);
    await liff.init({ liffId: options.liffId, mock: true } as Parameters<typeof liff.init>[0]);
    const mock = (liff as unknown as { $mock: MockApi }).$mock;
    const loadMockIdentity = async () => {
      const { idToken, profile } = await options.mockIdentity!();
      // Function form: the object form would replace all of liff-mock's other data.
      mock.set((prev) => ({ ...prev, isLoggedIn: true, getIDToken: idToken, getProfile: { ...profile, pictureUrl: undefined } }));
    };
    await loadMockIdentity();
    return { getIdToken: async () => liff.getIDToken() ?? '', relogin: loadMockIdentity };
  }

  await liff.init({ liffId: options.liffId });
  if (!liff.isLoggedIn()) {
    liff.login({ redirectUri: window.location.href });
    return new Promise<never>(() => {}); // the page is navigating to LINE Login
  }
  return {
    getIdToken: async () => liff.getIDToken() ?? '',
    relogin: () => {
      liff.logout();
      liff.login({ redirectUri: window.location.href });
      return new Promise<never>(() => {});
    },
  };
}
