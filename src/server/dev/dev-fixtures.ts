/**
 * The development data the BFF seeds with AUTH_MODE=dev (personas, "paper card" CRM members).
 * It lives in mocks/, next to the mocked LIFF browser that uses the same personas; this file is
 * the one door production code goes through, so only dev/ and testing/ import mocks/.
 */
export { personas, type Persona } from '../../../mocks/personas';
export { crmSeedMembers } from '../../../mocks/crm-members';
