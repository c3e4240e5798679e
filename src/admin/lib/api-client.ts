import type { z } from 'zod/mini';
import { request, type RequestOptions } from '../../shared/api/request';

/** The dashboard's way to the BFF's figures (/api/admin), with the staff cookie. */
export function apiRequest<T extends z.ZodMiniType>(path: string, responseSchema: T, init: Omit<RequestOptions, 'headers'> = {}): Promise<z.output<T>> {
  return request(`/api${path}`, responseSchema, init);
}
