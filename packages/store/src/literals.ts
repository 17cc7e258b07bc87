import { sql, type RawBuilder } from 'kysely';

/**
 * Constants that a partial index's predicate names (`stage in (…)`, `status = 'running'`), written
 * into the statement as literals rather than sent as parameters. A parameter never proves an
 * index's predicate, so a prepared statement's generic plan could not use the index, and
 * PostgreSQL would plan the statement again at every call (1–2 ms for the inbox). With literals
 * the generic plan uses it and is kept. Only for a fixed set of values: each list is its own text.
 */
export function literals<T extends string>(...values: readonly T[]): RawBuilder<T>[] {
  return values.map(literal);
}

/** One such constant (`literals`). */
export function literal<T extends string>(value: T): RawBuilder<T> {
  return sql.lit(value);
}

/**
 * A LIMIT written as a literal. A generic plan takes a LIMIT sent as a parameter to keep a tenth
 * of the rows, so it never looks as cheap as the custom plan of a page of 21, and the statement
 * would be planned at every call. Each size is a text of its own: the API's pages take 1–200, and
 * clients use a few (a connection prepares a text from its third run, up to 200 texts).
 */
export function rowLimit(n: number): RawBuilder<number> {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a row limit is a whole number, not ${n}`);
  return sql.lit(n);
}
