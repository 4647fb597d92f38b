import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ApiProblem } from '../../api/problem.ts';

/**
 * One write to the server from a page: busy while it runs, the problem kept for display (in the
 * current language, by ErrorState), and the lists it touched refetched on success.
 */
export function useAction<A extends unknown[], R>(run: (...args: A) => Promise<R>, invalidates: string[] = [], onError?: (error: unknown) => boolean | ApiProblem) {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const go = useCallback(async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(null);
    try {
      const result = await run(...args);
      // Query keys are the GET paths: refetch every one under a touched prefix.
      await client.invalidateQueries({ predicate: (q) => invalidates.some((p) => String(q.queryKey[0] ?? '').startsWith(p)) });
      return result;
    } catch (e) {
      // onError answers true when it showed the whole problem itself (e.g. next to form fields), or
      // the part it could not show (showServerFieldErrors' leftovers), which the banner keeps.
      const left = onError?.(e);
      setError(left === true ? null : left || e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, [client, run, invalidates, onError]);
  return { run: go, busy, error, clearError: () => setError(null) };
}
