import { z } from 'zod';
import type { SingleSecondFactor } from '../../contract/link';
import { normalisePhone, splitFullName } from '../../contract/profile';
import { CrmUnavailableError, type CrmAdapter, type CrmMember } from './crm-adapter';

export type HttpCrmConfig = { baseUrl: string; apiKey: string; timeoutMs: number; retries: number };

/** A CRM answers the name as familyName + givenName, or as one `name` that is split at its first space. */
const CrmMemberSchema = z.object({
  member: z
    .object({
      id: z.string().min(1),
      memberNumber: z.string(),
      familyName: z.string().optional(),
      givenName: z.string().optional(),
      name: z.string().optional(),
      pointsBalance: z.number().int().nonnegative(),
    })
    .refine((m) => m.familyName !== undefined || m.name !== undefined, 'member.familyName or member.name is required')
    .transform(({ familyName, givenName, name, ...member }): CrmMember => {
      const split = familyName === undefined ? splitFullName(name ?? '') : { family: familyName, given: givenName ?? '' };
      return { ...member, familyName: split.family, givenName: split.given };
    }),
});

const RETRY_BASE_MS = 200;

/**
 * An external CRM over HTTP (protocol in the README): bearer API key, a timeout per request, and
 * retries with backoff on network errors, 429 and 5xx. Every call is safe to repeat (reads, or
 * writes carrying an idempotency key).
 */
export function createHttpCrm(config: HttpCrmConfig, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): CrmAdapter {
  async function call(path: string, body: unknown): Promise<Response> {
    let lastProblem = '';
    for (let attempt = 0; attempt <= config.retries; attempt++) {
      if (attempt > 0) await sleep(RETRY_BASE_MS * 2 ** (attempt - 1));
      try {
        const response = await fetch(new URL(path, config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`), {
          method: 'POST',
          headers: { authorization: `Bearer ${config.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        if (response.status !== 429 && response.status < 500) return response;
        lastProblem = `HTTP ${response.status}`;
        await response.body?.cancel();
      } catch (error) {
        lastProblem = error instanceof Error ? error.message : String(error);
      }
    }
    throw new CrmUnavailableError(`CRM ${path} failed after ${config.retries + 1} attempts: ${lastProblem}`);
  }

  async function expectOk(response: Response, what: string) {
    if (!response.ok) throw new CrmUnavailableError(`CRM ${what} refused: HTTP ${response.status} ${await response.text()}`);
  }

  return {
    async verify(memberNumber: string, factor: SingleSecondFactor) {
      const secondFactor = factor.kind === 'birthday' ? { birthday: factor.birthday } : { phone: normalisePhone(factor.phone) };
      const response = await call('members/verify', { memberNumber, ...secondFactor });
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      await expectOk(response.clone(), 'verify');
      const parsed = CrmMemberSchema.safeParse(await response.json());
      if (!parsed.success) throw new CrmUnavailableError(`CRM verify answered an unexpected body: ${parsed.error.message}`);
      return parsed.data.member;
    },
    async settleTransfer(crmMemberId, points, idempotencyKey) {
      await expectOk(await call(`members/${encodeURIComponent(crmMemberId)}/points-transfer`, { points, idempotencyKey }), 'points-transfer');
    },
    async retireNumber(crmMemberId) {
      await expectOk(await call(`members/${encodeURIComponent(crmMemberId)}/retire`, {}), 'retire');
    },
  };
}
