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

/**
 * Sends this pool client's statements with parameters as named prepared statements: parsed once
 * per connection, and planned once too when PostgreSQL's plan cache settles on a generic plan.
 * Planning was 43 % of the statements' time in a soak at 100 requests/s (bench/README.md).
 * Statements without parameters (`begin`, `commit`, a migration's several statements) go as before.
 */
export function preparingClient(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const mine = new Set<string>();
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== 'string' || typeof values === 'function' || callback !== undefined) return query(text, values, callback);
    const marked = text.startsWith(MARK);
    if (!marked && !(Array.isArray(values) && values.length > 0)) return query(text, values);
    const name = nameOf(text);
    if (!marked && !mine.has(name)) {
      if (mine.size >= PREPARED_PER_CONNECTION) return query(text, values);
      mine.add(name);
    }
    return query({ name, text, values });
  }) as typeof client.query;
}
