import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type pg from 'pg';

/** The comment that marks a statement to be prepared; kept short, it is sent with every call. */
const MARK = '/*prepared*/ ';

/**
 * How many statement texts one connection prepares unasked. The hot texts come first in any
 * connection's life, so they are all in; texts that vary with their input (a list of n ids, a
 * batch of n rows) stop adding prepared statements, and so server memory, at the cap.
 */
const PREPARED_PER_CONNECTION = 200;

/**
 * A statement PostgreSQL must keep planned even past a connection's cap (`PREPARED_PER_CONNECTION`):
 * the filing batch's read, whose planning costs more than running it. Mark only statements whose
 * text has few shapes: each text is a prepared statement on every connection.
 */
export function prepared<T>(query: RawBuilder<T>): RawBuilder<T> {
  return sql<T>`${sql.raw(MARK)}${query}`;
}

/** Each text's statement name, hashed once per process. */
const names = new Map<string, string>();
const nameOf = (text: string) => {
  let name = names.get(text);
  if (!name) {
    name = `p_${createHash('sha1').update(text).digest('base64url')}`;
    // A process sees a bounded set of texts but for the varying ones; those are cheap to hash again.
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
};

/** PostgreSQL's answer to a prepared statement whose result columns a migration changed (`select *` after `add column`). */
const staleResult = (e: unknown) => (e as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String((e as Error).message));

/**
 * Sends this pool client's statements with parameters as named prepared statements: parsed once
 * per connection, and planned once too when PostgreSQL's plan cache settles on a generic plan.
 * Planning was 43 % of the statements' time in a soak at 100 requests/s (bench/README.md).
 * Statements without parameters (`begin`, `commit`, a migration's several statements) go as before.
 * A statement a migration left stale is prepared afresh under a new name: run again at once
 * outside a transaction; inside one, its transaction fails this once.
 */
export function preparingClient(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const mine = new Set<string>();
  const renamed = new Map<string, string>();
  const named = (text: string, values: unknown): Promise<unknown> => {
    const name = renamed.get(text) ?? nameOf(text);
    return query({ name, text, values }).catch((e: unknown) => {
      if (!staleResult(e)) throw e;
      renamed.set(text, `${nameOf(text)}_${Date.now().toString(36)}`);
      if (client.getTransactionStatus() === 'I') return query({ name: renamed.get(text), text, values });
      throw e;
    });
  };
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== 'string' || typeof values === 'function' || callback !== undefined) return query(text, values, callback);
    const marked = text.startsWith(MARK);
    if (!marked && !(Array.isArray(values) && values.length > 0)) return query(text, values);
    if (!marked && !mine.has(text)) {
      if (mine.size >= PREPARED_PER_CONNECTION) return query(text, values);
      mine.add(text);
    }
    return named(text, values);
  }) as typeof client.query;
}
