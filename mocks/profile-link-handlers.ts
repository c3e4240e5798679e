import { http, HttpResponse } from 'msw';
import { LinkRequestSchema, LinkResultSchema, LinkStatusSchema, type LinkResult, type LinkStatus } from '../src/contract/link';
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
  oldNumber: 'kept',
} satisfies LinkResult);

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
  http.get('*/api/me/link', () => HttpResponse.json(fixtureLinkStatus)),
  http.post('*/api/me/link', async ({ request }) => {
    const parsed = LinkRequestSchema.safeParse(await request.json());
    if (!parsed.success) return invalid(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
    return HttpResponse.json(fixtureLinkResult);
  }),
];
