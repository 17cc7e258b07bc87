import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type CompiledQuery } from 'kysely';
import { listingQueue, listNotifications } from '@huiyin/engine';
import { createDb, encodeCursor, type Db } from '@huiyin/store';
import { ownDatabase } from '../support/own-database.ts';

/**
 * A page of an official's notifications and of the listing queue is read from an index in the
 * page's order (migration T34), not by reading and sorting every row it pages through: with
 * sorting made as dear as the planner allows, the plan of the very statement each read runs
 * has no Sort node. Without an index in that order PostgreSQL has no other way than to sort,
 * whatever the size of the table.
 */
let own: { url: string; drop(): Promise<void> };
let db: Db;
const ran: CompiledQuery[] = [];

beforeAll(async () => {
  own = await ownDatabase('newest_first_pages');
  db = createDb(own.url, { log: (e) => void (e.level === 'query' && ran.push(e.query)) });
});
afterAll(async () => {
  await db?.destroy();
  await own?.drop();
});

/** The node types of the plan PostgreSQL picks for `q` with sorting switched off (a last resort). */
async function planNodes(q: CompiledQuery): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_sort = off`.execute(trx);
    const { rows } = await trx.executeQuery<{ 'QUERY PLAN': Array<{ Plan: Plan }> }>({ ...q, sql: `explain (format json) ${q.sql}` });
    const out: string[] = [];
    const walk = (p: Plan) => {
      out.push(p['Node Type']);
      for (const c of p.Plans ?? []) walk(c);
    };
    const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
    if (plan) walk(plan);
    return out;
  });
}
type Plan = { 'Node Type': string; Plans?: Plan[] };

/** The one statement `read` runs. */
async function statementOf(read: () => Promise<unknown>): Promise<CompiledQuery> {
  ran.length = 0;
  await read();
  expect(ran).toHaveLength(1);
  return ran[0]!;
}

describe('newest-first pages', () => {
  it("reads a page of an official's notifications in index order, first page and next", async () => {
    const account = '00000000-0000-4000-8000-000000000001';
    for (const cursor of [undefined, encodeCursor({ at: new Date('2026-12-07T00:00:00Z'), id: account })]) {
      const nodes = await planNodes(await statementOf(() => listNotifications(db, account, { limit: 20, ...(cursor ? { cursor } : {}) })));
      expect(nodes).not.toContain('Sort');
      expect(nodes).toContain('Index Scan');
    }
  });

  it('reads a page of the listing queue in index order', async () => {
    const nodes = await planNodes(await statementOf(() => listingQueue(db, { limit: 20 })));
    expect(nodes).not.toContain('Sort');
    expect(nodes.some((n) => n.startsWith('Index'))).toBe(true);
  });
});
