import { listen } from '@huiyin/store';

/** Where the database names sessions to forget (migration T15): a token hash, or '*' for all. */
const SESSIONS_CHANNEL = 'huiyin_sessions';

export type SessionCache<V> = {
  /** What is kept for this token hash, unless the session expired by `now` (the engine's clock) or the entry is older than the cache allows. */
  get(hash: string, now: Date): V | undefined;
  /** Taken before a lookup: `put` keeps its result only if nothing was forgotten in between. */
  mark(): number;
  put(hash: string, value: V, expiresAt: Date, mark: number): void;
  /** Forgets one session here at once (this process's own sign-out), before the database's notice arrives. */
  drop(hash: string): void;
  close(): Promise<void>;
};

type Entry<V> = { value: V; expiresAt: number; freshUntil: number };

/**
 * The sessions this API process has looked up, kept only while it listens to the database:
 * whatever changes who a session is (a sign-out, a purge, an official's roles, an account's
 * owner) is announced by a trigger on `huiyin_sessions` (T15), and this forgets what the notice
 * names. While the listening connection is down nothing is kept or answered from memory, so a
 * notice missed can never keep a revoked session valid. A lookup that overlaps a notice is not
 * kept (`mark`): it may have read the row just before the change. `seconds` bounds an entry's
 * age besides; 0 turns the cache off.
 */
export function createSessionCache<V>(options: { databaseUrl: string; seconds: number; maxEntries?: number; onLost?: (err: unknown) => void }): SessionCache<V> {
  const entries = new Map<string, Entry<V>>();
  const max = options.maxEntries ?? 50_000;
  let generation = 0;
  let live = false;
  const forget = (hash?: string) => {
    generation += 1;
    if (hash) entries.delete(hash);
    else entries.clear();
  };
  const listening =
    options.seconds > 0
      ? listen(
          options.databaseUrl,
          SESSIONS_CHANNEL,
          {
            onNotice: (payload) => forget(payload && payload !== '*' ? payload : undefined),
            onLive: () => {
              forget();
              live = true;
            },
            onLost: (err) => {
              live = false;
              forget();
              options.onLost?.(err);
            },
          },
          'huiyin-session-listener',
        )
      : null;

  return {
    get(hash, now) {
      const e = live ? entries.get(hash) : undefined;
      if (!e) return undefined;
      if (e.expiresAt > now.getTime() && e.freshUntil > Date.now()) return e.value;
      entries.delete(hash);
      return undefined;
    },
    mark: () => generation,
    put(hash, value, expiresAt, mark) {
      if (!live || mark !== generation) return;
      // Oldest out first: a Map iterates in insertion order.
      if (entries.size >= max) entries.delete(entries.keys().next().value as string);
      entries.set(hash, { value, expiresAt: expiresAt.getTime(), freshUntil: Date.now() + options.seconds * 1000 });
    },
    drop: (hash) => forget(hash),
    async close() {
      live = false;
      forget();
      await listening?.close();
    },
  };
}
