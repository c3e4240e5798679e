import { z } from 'zod/mini';
import { InstantSchema } from './card';
import { text } from './text';

/**
 * POST /api/me/wallet/apple/link: a short-lived link to the member's Apple Wallet pass, for a
 * browser that has no session (LINE's in-app browser hands .pkpass files to Safari). The link
 * works for a few minutes and only while the session it came from stands.
 */
export const AppleWalletLinkSchema = z.object({ url: text(), expiresAt: InstantSchema });
export type AppleWalletLink = z.infer<typeof AppleWalletLinkSchema>;

/**
 * Apple's PassKit web service (not our API: Apple's devices call it, as Apple specifies). Apple's
 * identifiers are short ASCII; anything else is refused before a database is asked.
 */
const identifier = (pattern: RegExp) => text().check(z.regex(pattern, 'Not an identifier Apple would send'));
const deviceLibraryIdentifier = identifier(/^[A-Za-z0-9._-]{1,128}$/);
const passTypeIdentifier = identifier(/^pass\.[A-Za-z0-9.-]{1,200}$/);
const serialNumber = identifier(/^[A-Za-z0-9._-]{1,128}$/);
export const PassKitRegistrationPathSchema = z.object({ deviceLibraryIdentifier, passTypeIdentifier, serialNumber });
export const PassKitDevicePathSchema = z.object({ deviceLibraryIdentifier, passTypeIdentifier });
export const PassKitPassPathSchema = z.object({ passTypeIdentifier, serialNumber });
export const PassKitRegistrationSchema = z.object({ pushToken: identifier(/^[0-9A-Fa-f]{16,256}$/) });
export const PassKitLogSchema = z.object({ logs: z.array(text().check(z.maxLength(4096))).check(z.maxLength(100)) });
export const PassKitUpdatedQuerySchema = z.object({ passesUpdatedSince: z.optional(text().check(z.regex(/^\d{1,15}$/, 'The tag this service gave: digits'))) });
