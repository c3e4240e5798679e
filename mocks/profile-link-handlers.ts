import { http, HttpResponse } from 'msw';
import { LinkRequestSchema, LinkResultSchema, LinkStatusSchema, type LinkResult, type LinkStatus } from '../src/contract/link';
import { PostalCodeLookupSchema, PostalCodeParamsSchema, type PostalCodeLookup } from '../src/contract/postal-code';
import { ProfileInputSchema, ProfileViewSchema, type ProfileView, type SaveProfileResponse } from '../src/contract/profile';

/**
 * MSW handlers for the profile and link endpoints, typed by src/contract. Request
 * bodies are parsed with the same schemas as the BFF, so a screen that sends a body the contract
 * refuses gets the BFF's 400 here too.
 */

export const fixtureEmptyProfile: ProfileView = ProfileViewSchema.parse({ profile: null, completed: false, birthdayEditable: true, completionPoints: 100 } satisfies ProfileView);
export const fixtureLinkStatus: LinkStatus = LinkStatusSchema.parse({ link: null, linkPoints: 300 } satisfies LinkStatus);
export const fixtureLinkResult: LinkResult = LinkResultSchema.parse({
  outcome: 'linked',
  memberNumber: '2900000000100',
  transferredPoints: 1500,
  incentivePoints: 300,
  campaignBonusPoints: 0,
  oldNumber: 'kept',
} satisfies LinkResult);

/** The postal codes the mock knows; the BFF serves the whole bundled table. */
export const fixturePostalCodes: Record<string, PostalCodeLookup> = {
  '1500001': PostalCodeLookupSchema.parse({ postalCode: '1500001', areas: [{ prefecture: '東京都', city: '渋谷区', town: '神宮前' }] } satisfies PostalCodeLookup),
  '1000001': PostalCodeLookupSchema.parse({ postalCode: '1000001', areas: [{ prefecture: '東京都', city: '千代田区', town: '千代田' }] } satisfies PostalCodeLookup),
};

const invalid = (fields: Record<string, string>) =>
  HttpResponse.json({ error: { code: 'invalid_request', message: 'The request body is invalid.', fields } }, { status: 400 });

export const profileLinkHandlers = [
  http.get('*/api/me/profile', () => HttpResponse.json(fixtureEmptyProfile)),
  http.put('*/api/me/profile', async ({ request }) => {
    const parsed = ProfileInputSchema.safeParse(await request.json());
    if (!parsed.success) return invalid(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
    const { termsAccepted: _terms, ...profile } = parsed.data;
    const body: SaveProfileResponse = {
      view: { profile, completed: true, birthdayEditable: true, completionPoints: 0 },
      pointsAwarded: 100,
      birthdayCouponIssued: false,
    };
    return HttpResponse.json(body);
  }),
  http.get('*/api/postal-codes/:code', ({ params }) => {
    const parsed = PostalCodeParamsSchema.safeParse(params);
    if (!parsed.success) return invalid({ code: 'profile.error.postalCode' });
    const known = fixturePostalCodes[parsed.data.code];
    return known ? HttpResponse.json(known) : HttpResponse.json({ error: { code: 'postal_code_unknown', message: 'No address is known for this postal code.' } }, { status: 404 });
  }),
  http.get('*/api/me/link', () => HttpResponse.json(fixtureLinkStatus)),
  http.post('*/api/me/link', async ({ request }) => {
    const parsed = LinkRequestSchema.safeParse(await request.json());
    if (!parsed.success) return invalid(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
    return HttpResponse.json(fixtureLinkResult);
  }),
];
