import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api/types.ts';

/** The API's largest page: a refresh asks for what is shown in one request, up to this. */
const MAX_LIMIT = 500;

/**
 * A keyset-paginated work list shown as one growing list ("load more"): each page follows the
 * API's `nextCursor`, most urgent first. `reload()` asks again for as many rows as are shown, in
 * one request, so a periodic refresh keeps the user's place without holding the whole list.
 */
export function useMorePages<T>(load: (q: { limit: number; cursor?: string | undefined }) => Promise<Page<T>>, pageSize: number, deps: unknown[]) {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const shown = useRef(0);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const fetchPage = useCallback(async (limit: number, cursor: string | undefined, append: boolean) => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const page = await loadRef.current({ limit, cursor });
      // A newer request (a filter change, a refresh) wins over a slower older one.
      if (mine !== generation.current) return;
      setItems((old) => {
        const next = append ? [...old, ...page.items] : page.items;
        shown.current = next.length;
        return next;
      });
      setNextCursor(page.nextCursor);
      setError(null);
      setLoaded(true);
    } catch (e) {
      if (mine === generation.current) setError(e as Error);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  // A change of deps starts again from the first page.
  useEffect(() => {
    shown.current = 0;
    void fetchPage(pageSize, undefined, false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return {
    items,
    loading,
    loaded,
    error,
    hasMore: nextCursor !== null,
    more: useCallback(() => nextCursor && void fetchPage(pageSize, nextCursor, true), [fetchPage, nextCursor, pageSize]),
    reload: useCallback(() => void fetchPage(Math.min(MAX_LIMIT, Math.max(pageSize, shown.current)), undefined, false), [fetchPage, pageSize]),
  };
}
