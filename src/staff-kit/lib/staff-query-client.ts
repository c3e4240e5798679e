import { MutationCache, QueryCache, QueryClient, type DefaultOptions } from '@tanstack/react-query';
import { ApiError } from '../../shared/api/request';
import { staffSessionQueries } from '../api/session-queries';

/** Mutation meta of the logout: when it settles, the session ends like an expired one. */
export const ENDS_STAFF_SESSION = { endsStaffSession: true } as const;

const sessionEnded = (error: Error) => error instanceof ApiError && error.status === 401 && error.code === 'staff_session_required';

/**
 * Log out, or a session that ended (expiry, logout elsewhere): nothing of the last shift stays for
 * the next person — every query but the session and every mutation result go, the part forgets its
 * own state (`forgetShift`), and the login page shows. The session answer is set to null rather
 * than cleared, so the screen changes at once.
 */
function endStaffSession(queryClient: QueryClient, forgetShift: () => void) {
  forgetShift();
  queryClient.getMutationCache().clear();
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== staffSessionQueries.all()[0] });
  queryClient.setQueryData(staffSessionQueries.me().queryKey, null);
}

/**
 * The query client of a staff part. It is the one place a session ends: any call the BFF refuses
 * with "session required" sends the person back to the login page, and so does the logout.
 */
export function createStaffQueryClient({ queries, forgetShift = () => {} }: { queries?: DefaultOptions['queries']; forgetShift?: () => void } = {}) {
  const end = () => endStaffSession(queryClient, forgetShift);
  const queryClient: QueryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, ...queries } },
    queryCache: new QueryCache({ onError: (error) => sessionEnded(error) && end() }),
    mutationCache: new MutationCache({
      onError: (error) => sessionEnded(error) && end(),
      onSettled: (_data, _error, _variables, _context, mutation) => mutation.meta?.endsStaffSession === true && end(),
    }),
  });
  return queryClient;
}
