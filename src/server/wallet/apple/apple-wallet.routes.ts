import { Hono, type Context } from 'hono';
import { validator } from 'hono/validator';
import { safeParse } from 'zod/mini';
import {
  PassKitDevicePathSchema,
  PassKitLogSchema,
  PassKitPassPathSchema,
  PassKitRegistrationPathSchema,
  PassKitRegistrationSchema,
  PassKitUpdatedQuerySchema,
  type AppleWalletLink,
} from '../../../contract/apple-wallet';
import { HttpError, jsonBody, pathParams } from '../../http/http-error';
import type { Logger } from '../../logging/logger';
import type { ShopperEnv } from '../../members/shopper-env';
import { memberGone } from '../../members/shopper-env';
import { PKPASS_MEDIA_TYPE } from './apple-pass-file';
import type { AppleWallet } from './apple-wallet-setup';
import {
  createDownloadLink,
  issuePass,
  latestPass,
  readDownloadLink,
  registerDevice,
  unregisterDevice,
  updatedSerials,
  type AppleWalletDeps,
  type PassFile,
} from './apple-wallet.service';

export type AppleWalletRoutesDeps = Omit<AppleWalletDeps, 'appleWallet'> & { appleWallet: AppleWallet | null; logger: Logger };

const disabled = () => new HttpError(404, 'apple_wallet_disabled', 'Apple Wallet is not offered here: the brand has not configured its Apple Wallet certificates.');

/** The routes' deps with Apple Wallet present, or the 404 that says it is not configured. */
function enabled(deps: AppleWalletRoutesDeps): AppleWalletDeps {
  if (!deps.appleWallet) throw disabled();
  return { ...deps, appleWallet: deps.appleWallet };
}

function passResponse(c: Context, pass: PassFile) {
  c.header('Content-Type', PKPASS_MEDIA_TYPE);
  c.header('Content-Disposition', 'attachment; filename="member-card.pkpass"');
  c.header('Last-Modified', pass.lastModified.toUTCString());
  c.header('Cache-Control', 'no-store');
  return c.body(new Uint8Array(pass.file), 200);
}

/**
 * /api/me/wallet/apple (behind requireShopper): GET the signed-in member's pass as a .pkpass;
 * POST /link for a five-minute download link that works without the session cookie.
 */
export function appleWalletShopperRoutes(deps: AppleWalletRoutesDeps) {
  return new Hono<ShopperEnv>()
    .get('/', async (c) => {
      const outcome = await issuePass(enabled(deps), c.get('memberId'));
      if (!outcome.ok) throw memberGone();
      return passResponse(c, outcome);
    })
    .post('/link', async (c) => {
      const member = c.get('member');
      const body: AppleWalletLink = await createDownloadLink(enabled(deps), { memberId: member.id, generation: member.sessionGeneration });
      return c.json(body, 201);
    });
}

const applePassToken = (c: Context) => /^ApplePass (\S+)$/.exec(c.req.header('Authorization') ?? '')?.[1] ?? null;

const updatedQuery = validator('query', (value) => {
  const result = safeParse(PassKitUpdatedQuerySchema, value);
  if (!result.success) throw new HttpError(400, 'invalid_request', 'passesUpdatedSince must be the tag this service gave (digits).', { passesUpdatedSince: 'Not a tag of this service' });
  return result.data;
});

function httpDate(header: string | undefined): Date | null {
  if (!header) return null;
  const time = Date.parse(header);
  return Number.isNaN(time) ? null : new Date(time);
}

const unauthorised = () => new HttpError(401, 'unauthorised', 'The pass and its authentication token do not match.');

/**
 * Mounted at /wallet/apple: the download link's target, and Apple's PassKit web service
 * (https://developer.apple.com/documentation/walletpasses/adding-a-web-service-to-update-passes)
 * at /v1/…, which the pass's webServiceURL names. Status codes are Apple's.
 */
export function appleWalletRoutes(deps: AppleWalletRoutesDeps) {
  return new Hono()
    .get('/download/:token', async (c) => {
      const wallet = enabled(deps);
      const link = await readDownloadLink(wallet, c.req.param('token'));
      if (!link) throw new HttpError(401, 'link_expired', 'This Apple Wallet link has expired. Open the member card in LINE and tap the button again.');
      const read = await deps.loyalty.memberCard(link.memberId);
      if (!read?.lineUserId || read.sessionGeneration !== link.generation) throw new HttpError(401, 'link_expired', 'This Apple Wallet link no longer works: you logged out or the membership ended.');
      const outcome = await issuePass(wallet, link.memberId);
      if (!outcome.ok) throw memberGone();
      return passResponse(c, outcome);
    })
    .post(
      '/v1/devices/:deviceLibraryIdentifier/registrations/:passTypeIdentifier/:serialNumber',
      jsonBody(PassKitRegistrationSchema),
      pathParams(PassKitRegistrationPathSchema),
      async (c) => {
        const path = c.req.valid('param');
        const outcome = await registerDevice(enabled(deps), {
          deviceLibraryIdentifier: path.deviceLibraryIdentifier,
          passTypeId: path.passTypeIdentifier,
          serialNumber: path.serialNumber,
          token: applePassToken(c),
          pushToken: c.req.valid('json').pushToken,
        });
        if (outcome === 'unauthorised') throw unauthorised();
        return c.body(null, outcome === 'created' ? 201 : 200);
      },
    )
    .delete('/v1/devices/:deviceLibraryIdentifier/registrations/:passTypeIdentifier/:serialNumber', pathParams(PassKitRegistrationPathSchema), async (c) => {
      const path = c.req.valid('param');
      const outcome = await unregisterDevice(enabled(deps), {
        deviceLibraryIdentifier: path.deviceLibraryIdentifier,
        passTypeId: path.passTypeIdentifier,
        serialNumber: path.serialNumber,
        token: applePassToken(c),
      });
      if (outcome === 'unauthorised') throw unauthorised();
      return c.body(null, 200);
    })
    .get('/v1/devices/:deviceLibraryIdentifier/registrations/:passTypeIdentifier', pathParams(PassKitDevicePathSchema), updatedQuery, async (c) => {
      const path = c.req.valid('param');
      const since = c.req.valid('query').passesUpdatedSince;
      const updated = await updatedSerials(enabled(deps), {
        deviceLibraryIdentifier: path.deviceLibraryIdentifier,
        passTypeId: path.passTypeIdentifier,
        passesUpdatedSince: since === undefined ? null : Number(since),
      });
      if (!updated) return c.body(null, 204);
      return c.json(updated, 200);
    })
    .get('/v1/passes/:passTypeIdentifier/:serialNumber', pathParams(PassKitPassPathSchema), async (c) => {
      const path = c.req.valid('param');
      const outcome = await latestPass(enabled(deps), {
        passTypeId: path.passTypeIdentifier,
        serialNumber: path.serialNumber,
        token: applePassToken(c),
        ifModifiedSince: httpDate(c.req.header('If-Modified-Since')),
      });
      if (outcome.status === 'unauthorised') throw unauthorised();
      if (outcome.status === 'not_modified') {
        c.header('Last-Modified', outcome.lastModified.toUTCString());
        return c.body(null, 304);
      }
      return passResponse(c, outcome);
    })
    .post('/v1/log', jsonBody(PassKitLogSchema), (c) => {
      enabled(deps);
      // What devices report about their passes (failed fetches, bad signatures): kept short, never the pass's data.
      const logs = c.req.valid('json').logs.slice(0, 20).map((line) => line.slice(0, 300));
      deps.logger.warn({ appleWalletDeviceLogs: logs }, 'Apple Wallet device log');
      return c.body(null, 200);
    });
}
