import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type CompiledQuery } from 'kysely';
import { inboxPage, listingQueue, listNotifications, mergedInto } from '@huiyin/engine';
import { createDb, encodeCursor, type Db } from '@huiyin/store';
import { ownDatabase } from '../support/own-database.ts';

/**
 * A page of an official's notifications, of the listing queue and of a unit's lists in the inbox
 * is read from an index in the page's order (migration T34), not by reading and sorting every
 * row it pages through: with sorting made as dear as the planner allows, the plan of the very
 * statement each read runs has no Sort node (the inbox's merge of its few cut lists aside).
 * Without an index in that order PostgreSQL has no other way than to sort, whatever the size of
 * the table.
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

/** Every node of the plan PostgreSQL picks for `q` with sorting switched off (a last resort). */
async function plan(q: CompiledQuery): Promise<Plan[]> {
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_sort = off`.execute(trx);
    const { rows } = await trx.executeQuery<{ 'QUERY PLAN': Array<{ Plan: Plan }> }>({ ...q, sql: `explain (format json) ${q.sql}` });
    const out: Plan[] = [];
    const walk = (p: Plan) => {
      out.push(p);
      for (const c of p.Plans ?? []) walk(c);
    };
    const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
    if (plan) walk(plan);
    return out;
  });
}
type Plan = { 'Node Type': string; 'Index Name'?: string; Plans?: Plan[] };

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
      const nodes = (await plan(await statementOf(() => listNotifications(db, account, { limit: 20, ...(cursor ? { cursor } : {}) })))).map((p) => p['Node Type']);
      expect(nodes).not.toContain('Sort');
      expect(nodes).toContain('Index Scan');
    }
  });

  it('reads a page of the listing queue in index order', async () => {
    const nodes = (await plan(await statementOf(() => listingQueue(db, { limit: 20 })))).map((p) => p['Node Type']);
    expect(nodes).not.toContain('Sort');
    expect(nodes.some((n) => n.startsWith('Index'))).toBe(true);
  });

  it("cuts a unit's lists in the inbox to the page from their indexes, first page and next", async () => {
    const handler = { kind: 'official' as const, accountId: crypto.randomUUID(), officialId: crypto.randomUUID(), roles: ['handler' as const], unitId: crypto.randomUUID(), leaderId: null };
    const first = await statementOf(() => inboxPage(db, handler, { limit: 20 }));
    const cursor = JSON.stringify([new Date().toISOString(), 'handle', crypto.randomUUID()]);
    for (const q of [first, await statementOf(() => inboxPage(db, handler, { limit: 20, cursor: Buffer.from(cursor).toString('base64url') }))]) {
      const used = (await plan(q)).map((p) => p['Index Name']);
      expect(used).toContain('issues_unit_to_claim');
      expect(used).toContain('issues_unit_handling');
    }
  });

  it('reads the issues merged into one from their own index, not the whole table', async () => {
    const supervisor = { kind: 'official' as const, accountId: crypto.randomUUID(), officialId: crypto.randomUUID(), roles: ['supervisor' as const], unitId: null, leaderId: null };
    const used = (await plan(await statementOf(() => mergedInto(db, supervisor, crypto.randomUUID())))).map((p) => p['Index Name']);
    expect(used).toContain('issues_merged');
  });
});
