import { sql, type RawBuilder } from 'kysely';
import { DomainError, unstorable } from '@huiyin/domain';

/** The kinds of value a sort key holds, each checked before it goes to PostgreSQL. */
type KeyKind = 'time' | 'uuid' | 'bool' | 'text';

/** One ascending column of a list's order: the SQL expression and the kind of its value. */
export type KeyPart = { expr: RawBuilder<unknown>; kind: KeyKind };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// As json_build_array writes a timestamptz: microseconds and the session's offset kept, so a page
// ends exactly where its last row sorts (a JS Date would round to milliseconds and skip rows).
const TIME = /^(-?infinity|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:\d{2}){0,2}))$/;

const CAST: Record<KeyKind, string> = { time: 'timestamptz', uuid: 'uuid', bool: 'boolean', text: 'text' };

/** An offset PostgreSQL takes: `Z`, or at most 15:59:59 either way (+99:00 was a 500). */
function offsetInRange(offset: string): boolean {
  if (offset === 'Z') return true;
  const [h = 0, m = 0, sec = 0] = offset.slice(1).split(':').map(Number);
  return h <= 15 && m < 60 && sec < 60;
}

function forged(): never {
  throw new DomainError('validation.invalid', 'not a cursor this API gave out', { field: 'cursor' });
}

function valid(kind: KeyKind, v: unknown): boolean {
  switch (kind) {
    case 'bool':
      return typeof v === 'boolean';
    case 'uuid':
      return typeof v === 'string' && UUID.test(v);
    case 'text':
      return typeof v === 'string' && v.length <= 300 && unstorable(v) === null;
    case 'time': {
      if (typeof v !== 'string' || !TIME.test(v)) return false;
      if (v.endsWith('infinity')) return true;
      // A day PostgreSQL would refuse (2026-02-31, hour 24) does not survive the round trip.
      const wall = v.slice(0, 19);
      const d = new Date(`${wall}Z`);
      return Number(v.slice(0, 4)) >= 1 && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19) === wall && offsetInRange(v.slice(19).replace(/^\.\d+/, ''));
    }
  }
}

/**
 * The select expression that carries a row's sort key out of PostgreSQL as text, to become the
 * next page's cursor. Every key of a list sorts ascending (a descending column is keyed by its
 * negation), so one row comparison finds the rows after a cursor.
 */
export function pageKeyOf(parts: KeyPart[]): RawBuilder<string> {
  return sql<string>`json_build_array(${sql.join(parts.map((p) => p.expr))})::text`;
}

/**
 * The condition "sorts after the cursor", or null for the first page; a forged cursor is a 400 naming `cursor`.
 * `descending` for a list whose every key sorts descending (`orderOf(parts, true)`).
 */
export function afterCursor(parts: KeyPart[], raw: string | undefined, descending = false): RawBuilder<boolean> | null {
  if (!raw) return null;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(raw, 'base64url').toString());
  } catch {
    forged();
  }
  if (!Array.isArray(values) || values.length !== parts.length || !parts.every((p, i) => valid(p.kind, values[i]))) forged();
  const right = parts.map((p, i) => sql`${values[i]}::${sql.raw(CAST[p.kind])}`);
  return sql<boolean>`(${sql.join(parts.map((p) => p.expr))}) ${sql.raw(descending ? '<' : '>')} (${sql.join(right)})`;
}

/** The page a query fetched with `limit + 1` rows: the rows without their key, and the next cursor if more follow. */
export function keysetPage<R extends { pageKey: string }>(rows: R[], limit: number): { items: Omit<R, 'pageKey'>[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ pageKey: _, ...rest }) => rest),
    nextCursor: rows.length > limit && last ? Buffer.from(last.pageKey).toString('base64url') : null,
  };
}

/** The ORDER BY of a keyed list: the same expressions, ascending (or all descending). */
export function orderOf(parts: KeyPart[], descending = false): RawBuilder<unknown> {
  return sql`${sql.join(parts.map((p) => (descending ? sql`${p.expr} desc` : p.expr)))}`;
}
