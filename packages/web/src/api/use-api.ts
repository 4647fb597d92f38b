import { useQuery } from '@tanstack/react-query';
import { BACKGROUND_REQUEST_HEADER } from '@lianjian/core/auth/background-request';
import { api } from './client.ts';

/**
 * A GET through react-query, keyed by its path (the language is part of the key: problems come
 * worded). `background`: the browser asks on its own (a poll), which must not keep the session alive.
 */
export function useApi<T>(path: string | null, options: { refetchInterval?: number; background?: boolean } = {}) {
  return useQuery({
    queryKey: [path],
    queryFn: ({ signal }) => api<T>(path as string, { signal, ...(options.background && { headers: { [BACKGROUND_REQUEST_HEADER]: '1' } }) }),
    enabled: path !== null,
    ...(options.refetchInterval ? { refetchInterval: options.refetchInterval } : {}),
  });
}
