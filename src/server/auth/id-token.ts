import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { withoutControlCharacters } from '../../contract/text';

/**
 * Verifies a LIFF ID token locally, as LINE documents it: ES256 signature against the
 * channel's JWKS, iss https://access.line.me, aud = LINE Login channel id, exp/iat.
 * Production and development run this same function; only the key set differs.
 */

export const LINE_ISSUER = 'https://access.line.me';
const CLOCK_TOLERANCE_SECONDS = 30;

export type VerifiedIdToken = { lineUserId: string; name: string | undefined; picture: string | undefined };

export class IdTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdTokenError';
  }
}

export type IdTokenVerifier = (idToken: string) => Promise<VerifiedIdToken>;

export function createIdTokenVerifier(options: {
  keySet: JWTVerifyGetKey;
  channelId: string;
  now?: () => Date;
}): IdTokenVerifier {
  return async (idToken) => {
    try {
      const { payload } = await jwtVerify(idToken, options.keySet, {
        issuer: LINE_ISSUER,
        audience: options.channelId,
        algorithms: ['ES256'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp', 'iat'],
        currentDate: options.now?.(),
      });
      const nowSeconds = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
      if (typeof payload.iat !== 'number' || payload.iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) {
        throw new IdTokenError('ID token issue time is in the future (iat)');
      }
      if (typeof payload.sub !== 'string' || !/^U[0-9a-f]{32}$/.test(payload.sub)) {
        throw new IdTokenError('ID token subject is not a LINE user id');
      }
      return {
        lineUserId: payload.sub,
        // LINE's word, but stored and shown through the contract, which refuses control characters.
        name: typeof payload.name === 'string' ? withoutControlCharacters(payload.name) : undefined,
        picture: typeof payload.picture === 'string' ? payload.picture : undefined,
      };
    } catch (error) {
      throw new IdTokenError(describeVerificationFailure(error));
    }
  };
}

function describeVerificationFailure(error: unknown): string {
  if (error instanceof IdTokenError) return error.message;
  if (error instanceof errors.JWTExpired) return 'ID token has expired: log in again';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'ID token was not issued by LINE (iss)';
    if (error.claim === 'aud') return 'ID token was issued for another channel (aud)';
    if (error.claim === 'iat') return 'ID token issue time is in the future (iat)';
    return `ID token claim "${error.claim}" is invalid`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'ID token must be signed with ES256';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'ID token signature is invalid';
  if (error instanceof errors.JWKSNoMatchingKey) return 'ID token was signed by an unknown key';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'ID token is malformed';
  if (error instanceof errors.JWKSTimeout) return 'LINE key set could not be fetched in time: try again';
  return 'ID token could not be verified';
}
