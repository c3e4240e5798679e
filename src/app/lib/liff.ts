import liff from '@line/liff/core';
import CreateShortcutOnHomeScreen from '@line/liff/create-shortcut-on-home-screen';
import GetFriendship from '@line/liff/get-friendship';
import GetIDToken from '@line/liff/get-id-token';
import GetOS from '@line/liff/get-os';
import IsApiAvailable from '@line/liff/is-api-available';
import IsInClient from '@line/liff/is-in-client';
import IsLoggedIn from '@line/liff/is-logged-in';
import Login from '@line/liff/login';
import Logout from '@line/liff/logout';
import OpenWindow from '@line/liff/open-window';
import PermanentLink from '@line/liff/permanent-link';
import RequestFriendship from '@line/liff/request-friendship';
import type * as LiffMock from '@line/liff-mock';
import { permanentLinkFor } from './deep-links';
import { liffMockEnabled } from './env';

/**
 * The only module that imports @line/liff: the pluggable core plus just the modules used.
 * In mock mode @line/liff-mock is loaded through a dynamic import and fed ID tokens that the
 * dev BFF signed for a persona, so the BFF verifies them exactly as it verifies LINE's; the
 * persona also says where the mocked browser runs (inside LINE or not, friendship, optional APIs).
 */

/** Optional LIFF / MINI App APIs the card uses, each offered only where `liff.isApiAvailable` says it works. */
export type OptionalLiffApi = 'createShortcutOnHomeScreen' | 'requestFriendship';

export type MockIdentity = {
  idToken: string;
  profile: { userId: string; displayName: string };
  liffClient: { inLineClient: boolean; friend: boolean; apis: string[]; os?: LiffOs };
};

/** Where LIFF runs, as `liff.getOS()` says. */
export type LiffOs = 'ios' | 'android' | 'web';

export type LiffAuth = {
  /** The current LIFF ID token (LIFF may hand out a cached, expired one: see `relogin`). */
  getIdToken: () => Promise<string>;
  /** LIFF keeps serving an expired cached token, so a 401 means log out and log in again. */
  relogin: () => Promise<void>;
};

/**
 * How LIFF started: ready with a LINE identity, or outside LINE without one (an external browser,
 * or `liff.init` failed), where the app explains and offers to open the card in LINE.
 */
export type LiffStart =
  | { kind: 'ready'; auth: LiffAuth }
  | { kind: 'outside-line'; failure?: string; loginHere: () => Promise<LiffAuth> };

type MockApi = { set: (fn: (prev: Record<string, unknown>) => Record<string, unknown>) => void };

/** Set in mock mode: the persona's simulated client (liff-mock answers isApiAvailable alike for every API). */
let mockClient: MockIdentity['liffClient'] | undefined;
let mockApi: MockApi | undefined;
let currentLiffId = '';

export async function initLiff(options: { liffId: string; mockIdentity?: () => Promise<MockIdentity> }): Promise<LiffStart> {
  currentLiffId = options.liffId;
  // IsInClient must be installed before the mock plugin, which calls it while installing.
  liff.use(new IsInClient());
  liff.use(new IsLoggedIn());
  liff.use(new Login());
  liff.use(new Logout());
  liff.use(new GetIDToken());
  liff.use(new IsApiAvailable());
  liff.use(new GetFriendship());
  liff.use(new RequestFriendship());
  liff.use(new CreateShortcutOnHomeScreen());
  liff.use(new PermanentLink());
  // Both already ship inside LIFF's init (it uses them itself): installing them costs a few bytes, a lazy chunk would cost a shared one.
  liff.use(new GetOS());
  liff.use(new OpenWindow());

  if (liffMockEnabled && options.mockIdentity) return initMockLiff(options.liffId, options.mockIdentity);

  try {
    await liff.init({ liffId: options.liffId });
  } catch (error) {
    return outsideLine(error instanceof Error ? error.message : String(error));
  }
  if (!liff.isLoggedIn()) {
    if (!liff.isInClient()) return outsideLine();
    liff.login({ redirectUri: window.location.href });
    return new Promise<never>(() => {}); // the page is navigating to LINE Login
  }
  return { kind: 'ready', auth: lineAuth() };
}

function lineAuth(): LiffAuth {
  return {
    getIdToken: async () => liff.getIDToken() ?? '',
    relogin: () => {
      liff.logout();
      liff.login({ redirectUri: window.location.href });
      return new Promise<never>(() => {});
    },
  };
}

function outsideLine(failure?: string): LiffStart {
  return {
    kind: 'outside-line',
    failure,
    loginHere: () => {
      // LINE Login in this browser; LIFF brings the shopper back to this very URL, logged in.
      liff.login({ redirectUri: window.location.href });
      return new Promise<never>(() => {});
    },
  };
}

let mockSdk: Promise<typeof LiffMock> | undefined;

/** Mock mode only: starts downloading liff-mock at once, alongside the persona code, not after it. */
export function preloadMockSdk() {
  mockSdk ??= import('@line/liff-mock');
  return mockSdk;
}

async function initMockLiff(liffId: string, mockIdentity: () => Promise<MockIdentity>): Promise<LiffStart> {
  // The persona's ID token is asked for while liff-mock loads and starts: two waits at once, not one after the other.
  const identityAnswer = mockIdentity();
  identityAnswer.catch(() => undefined); // awaited below; a failure of the SDK first must not leave it unhandled
  const { LiffMockPlugin } = await preloadMockSdk();
  // liff-mock is typed against the full SDK; at run time it only needs isInClient on the core.
  liff.use(new LiffMockPlugin() as unknown as Parameters<typeof liff.use>[0]);
  await liff.init({ liffId, mock: true } as Parameters<typeof liff.init>[0]);
  const mock = (liff as unknown as { $mock: MockApi }).$mock;
  mockApi = mock;
  // As the CDN build of the SDK does: lets the e2e spy on calls that have no visible effect (closeWindow).
  (window as unknown as { liff: typeof liff }).liff = liff;
  // liff-mock's openWindow does nothing; in the mocked browser an external window is a new tab (the e2e spies on it instead).
  liff.openWindow = (params: { url: string; external?: boolean }) => void window.open(params.url, '_blank', 'noopener');
  const apply = ({ idToken, profile, liffClient }: MockIdentity, loggedIn: boolean) => {
    mockClient = liffClient;
    // Function form: the object form would replace all of liff-mock's other data.
    mock.set((prev) => ({
      ...prev,
      isInClient: liffClient.inLineClient,
      isLoggedIn: loggedIn,
      getIDToken: idToken,
      getProfile: { ...profile, pictureUrl: undefined },
      getFriendship: { friendFlag: liffClient.friend },
      isApiAvailable: liffClient.apis.length > 0,
      getOS: liffClient.os ?? 'web',
    }));
    // liff-mock answers getFriendship only after login() was called, as LIFF does.
    if (loggedIn) liff.login();
  };
  const auth: LiffAuth = {
    getIdToken: async () => liff.getIDToken() ?? '',
    relogin: async () => apply(await mockIdentity(), true),
  };
  const identity = await identityAnswer;
  if (!identity.liffClient.inLineClient) {
    apply(identity, false);
    return { kind: 'outside-line', loginHere: async () => (apply(identity, true), auth) };
  }
  apply(identity, true);
  return { kind: 'ready', auth };
}

/** Whether an optional API works here (verified MINI Apps, recent LINE versions, a linked Official Account…). */
export function isLiffApiAvailable(api: OptionalLiffApi): boolean {
  if (mockClient) return mockClient.apis.includes(api);
  try {
    return liff.isApiAvailable(api);
  } catch {
    return false;
  }
}

/** Puts a shortcut to `url` (a permanent link of this app) on the phone's home screen. */
export async function createShortcutOnHomeScreen(url: string): Promise<void> {
  await liff.createShortcutOnHomeScreen({ url });
}

/** True when the shopper is a friend of the channel's linked Official Account (null: LIFF cannot tell here). */
export async function getFriendship(): Promise<boolean | null> {
  try {
    return (await liff.getFriendship()).friendFlag;
  } catch {
    return null;
  }
}

/** LINE's own "add friend" prompt for the linked Official Account (only where isLiffApiAvailable says so). */
export async function requestFriendship(): Promise<void> {
  if (mockApi) {
    // liff-mock has no requestFriendship: the simulated shopper accepts.
    mockApi.set((prev) => ({ ...prev, getFriendship: { friendFlag: true } }));
    return;
  }
  await liff.requestFriendship();
}

/**
 * Closes the LIFF window, inside the LINE client only (elsewhere there is no window of LINE's to
 * close, and the page stays). The module loads here, when first needed, not in the card's bundle;
 * in mock mode liff-mock answers closeWindow itself.
 */
export async function closeLiffWindow(): Promise<boolean> {
  if (!liff.isInClient()) return false;
  if (!mockApi) {
    const { default: CloseWindow } = await import('@line/liff/close-window');
    liff.use(new CloseWindow());
  }
  liff.closeWindow();
  return true;
}

/** The link that opens `path` of this app inside LINE (LIFF's own form where it can make one). */
export async function createPermanentLink(path: string): Promise<string> {
  const fallback = permanentLinkFor(currentLiffId, path);
  if (mockClient) return fallback;
  try {
    return await liff.permanentLink.createUrlBy(new URL(path, window.location.origin).href);
  } catch {
    return fallback;
  }
}

/** `liff.getOS()`: 'ios', 'android' or 'web' (an external browser). */
export async function getLiffOs(): Promise<LiffOs> {
  return liff.getOS() ?? 'web';
}

/** Opens `url` outside LINE (the phone's browser, which hands a Wallet link to the Wallet app). */
export async function openExternalWindow(url: string): Promise<void> {
  liff.openWindow({ url, external: true });
}
