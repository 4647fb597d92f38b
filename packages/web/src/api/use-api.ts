import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

/** A GET through react-query, keyed by its path (the language is part of the key: problems come worded). */
export function useApi<T>(path: string | null, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: [path],
    queryFn: ({ signal }) => api<T>(path as string, { signal }),
    enabled: path !== null,
    ...(options.refetchInterval ? { refetchInterval: options.refetchInterval } : {}),
  });
}
