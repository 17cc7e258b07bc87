import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type pg from 'pg';

/** The comment that marks a statement to be prepared; kept short, it is sent with every call. */
const MARK = '/*prepared*/ ';

/**
 * How many statement texts one connection prepares unasked, and how often it must have run a
 * text first. A text that repeats on a connection is a hot one; texts that vary with their input
 * (a list of n ids, a batch of n rows) seldom reach the count, and stop adding prepared
 * statements, and so server memory, at the cap.
 */
const PREPARED_PER_CONNECTION = 200;
const RUNS_BEFORE_PREPARING = 3;
/** Texts counted per connection before the count starts again (it only has to find the repeats). */
const COUNTED_PER_CONNECTION = 1_000;

/**
 * A statement PostgreSQL must keep planned from its first run and past a connection's cap: the
 * filing batch's read, whose planning costs more than running it. Mark only statements whose
 * text has few shapes: each text is a prepared statement on every connection.
 */
export function prepared<T>(query: RawBuilder<T>): RawBuilder<T> {
  return sql<T>`${sql.raw(MARK)}${query}`;
}

/** Each short text's statement name, hashed once per process; a long one (a batch) is hashed again. */
const names = new Map<string, string>();
const nameOf = (text: string) => {
  let name = names.get(text);
  if (!name) {
    name = `p_${createHash('sha1').update(text).digest('base64url')}`;
    if (text.length <= 4_096 && names.size < 2_000) names.set(text, name);
  }
  return name;
};

type ServerError = { code?: string; routine?: string };
/**
 * The prepared statement is gone or unusable on this connection: a migration changed its result
 * columns (`select *` after `add column`; 0A000 from RevalidateCachedQuery, whatever the server's
 * language), or it is not there (26000: pg closes a statement whose values it could not encode,
 * yet still takes it for parsed).
 */
const unusable = (e: ServerError) => (e.code === '0A000' && e.routine === 'RevalidateCachedQuery') || e.code === '26000';

let fresh = 0;

/**
 * Sends this pool client's repeated statements with parameters as named prepared statements:
 * parsed once per connection, and planned once too when PostgreSQL's plan cache settles on a
 * generic plan. Planning was 43 % of the statements' time in a soak at 100 requests/s
 * (bench/README.md). Statements without parameters (`begin`, `commit`, a migration's several
 * statements) go as before.
 *
 * A statement that becomes unusable (`unusable`) is prepared again under a new name: at once
 * outside a transaction; inside one, its transaction fails this once on each connection. So a
 * migration that changes a table's columns is run before the processes start (as the start
 * command does), or the processes are restarted after it.
 */
export function preparingClient(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const runs = new Map<string, number>();
  const mine = new Set<string>();
  const renamed = new Map<string, string>();
  const named = (text: string, values: unknown): Promise<unknown> =>
    query({ name: renamed.get(text) ?? nameOf(text), text, values }).catch((e: unknown) => {
      const error = e as ServerError;
      // A value pg could not encode (no server code) may have closed the statement: name it anew next time.
      if (error.code !== undefined && !unusable(error)) throw e;
      renamed.set(text, `${nameOf(text)}_${(++fresh).toString(36)}`);
      if (error.code !== undefined && client.getTransactionStatus() === 'I') return query({ name: renamed.get(text), text, values });
      throw e;
    });
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== 'string' || typeof values === 'function' || callback !== undefined) return query(text, values, callback);
    if (text.startsWith(MARK)) return named(text, values);
    if (!(Array.isArray(values) && values.length > 0)) return query(text, values);
    if (mine.has(text)) return named(text, values);
    if (mine.size >= PREPARED_PER_CONNECTION) return query(text, values);
    if (runs.size >= COUNTED_PER_CONNECTION) runs.clear();
    const n = (runs.get(text) ?? 0) + 1;
    if (n < RUNS_BEFORE_PREPARING) {
      runs.set(text, n);
      return query(text, values);
    }
    runs.delete(text);
    mine.add(text);
    return named(text, values);
  }) as typeof client.query;
}
