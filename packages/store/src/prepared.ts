import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type pg from 'pg';

/** The comment that marks a statement to be prepared; kept short, it is sent with every call. */
const MARK = '/*prepared*/ ';

/**
 * A statement PostgreSQL should keep planned: it is sent as a named prepared statement (once per
 * connection, its name a hash of its text), so later calls skip parsing and, once the planner
 * settles on a generic plan, planning too. For hot statements whose text repeats and whose
 * planning costs more than running them (the filing batch's read). A text that varies with its input would make a prepared statement per variant: mark
 * only statements whose text has few shapes.
 */
export function prepared<T>(query: RawBuilder<T>): RawBuilder<T> {
  return sql<T>`${sql.raw(MARK)}${query}`;
}

/** Each marked text's statement name, hashed once per process (marked texts have few shapes). */
const names = new Map<string, string>();
const nameOf = (text: string) => {
  let name = names.get(text);
  if (!name) names.set(text, (name = `p_${createHash('sha1').update(text).digest('base64url')}`));
  return name;
};

/** Sends the marked statements of this pool's clients as named prepared statements. */
export function preparingClient(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, values?: unknown, callback?: unknown) =>
    typeof text === 'string' && text.startsWith(MARK) && typeof values !== 'function' && callback === undefined
      ? query({ name: nameOf(text), text, values })
      : query(text, values, callback)) as typeof client.query;
}
