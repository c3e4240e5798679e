import { Hono } from 'hono';
import { PostalCodeParamsSchema, type PostalCodeLookup } from '../../contract/postal-code';
import { HttpError, pathParams } from '../http/http-error';
import { lazyPostalTable, type PostalTable } from './postal-table';

/**
 * GET /api/postal-codes/:code: the address a postal code stands for, from the table the BFF ships
 * (no outside call). Public, like a phone book: it reads no session and holds no personal data.
 */
export function postalCodeRoutes(table: () => PostalTable = lazyPostalTable()) {
  return new Hono().get('/:code', pathParams(PostalCodeParamsSchema), (c) => {
    const { code } = c.req.valid('param');
    const areas = table().lookup(code);
    if (areas.length === 0) throw new HttpError(404, 'postal_code_unknown', `No address is known for postal code ${code}.`, { code: 'profile.error.postalCodeUnknown' });
    return c.json({ postalCode: code, areas } satisfies PostalCodeLookup);
  });
}
