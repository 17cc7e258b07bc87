import { useCallback, useEffect, useState } from 'react';
import type { Page } from '../api/types.ts';

/**
 * Pages of a keyset-paginated list: the API gives each page's `nextCursor`; going back re-asks
 * for the cursor we came from. Only one page is ever held in the browser.
 */
export function useKeysetPages<T>(load: (cursor: string | undefined) => Promise<Page<T>>, deps: unknown[]) {
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [page, setPage] = useState<Page<T>>({ items: [], nextCursor: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const [tick, setTick] = useState(0);
  const cursor = cursors.at(-1);

  // A change of filters starts again from the first page.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setCursors([undefined]), deps);

  useEffect(() => {
    let live = true;
    setLoading(true);
    load(cursor)
      .then((p) => live && (setPage(p), setError(null)))
      .catch((e: unknown) => live && setError(e as Error))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursor, tick, ...deps]);

  return {
    items: page.items,
    loading,
    error,
    pageNumber: cursors.length,
    hasNext: page.nextCursor !== null,
    hasPrev: cursors.length > 1,
    next: useCallback(() => page.nextCursor && setCursors((c) => [...c, page.nextCursor ?? undefined]), [page.nextCursor]),
    prev: useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []),
    reload: useCallback(() => setTick((n) => n + 1), []),
  };
}
