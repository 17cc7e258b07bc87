import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, fieldsOf, openDistrict, type E2eDistrict, type Filed, type Who } from './e2e-district.ts';

let t: E2eDistrict;
/** Issues of this file's district, dispatched to unit A and past their claim time. */
let overdue: Filed[] = [];
/** Issues filed and waiting to be listed. */
let waiting: Filed[] = [];

beforeAll(async () => {
  t = await openDistrict();
  waiting = [];
  for (let i = 0; i < 5; i++) waiting.push(await t.file(i % 2 ? 'entA' : 'entB'));
  overdue = [];
  for (let i = 0; i < 7; i++) overdue.push(await t.dispatched(i % 2 ? 'entA' : 'entB'));
  // Past their claim time by 1..7 hours: the clock would have got here by itself, slower.
  for (const [i, issue] of overdue.entries()) {
    await t.api.db.updateTable('issues').set({ claim_due_at: new Date(Date.now() - (i + 1) * 3_600_000) }).where('id', '=', issue.id).execute();
  }
}, 60_000);
afterAll(() => t.close());

type Paged = { items: Array<Record<string, unknown>>; nextCursor: string | null };

/** Every page of a list, `limit` rows at a time, following nextCursor to the end. */
async function walk(who: Who, url: string, limit: number) {
  const pages: Paged[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await t.get(who, `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as Paged;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    pages.push(page);
    cursor = page.nextCursor;
    expect(pages.length).toBeLessThan(500);
  } while (cursor);
  return { pages, rows: pages.flatMap((p) => p.items) };
}

/** Each of `ids` once in `got`, and no row twice. */
function expectEachOnce(got: string[], ids: string[]) {
  expect(new Set(got).size).toBe(got.length);
  for (const id of ids) expect(got.filter((g) => g === id)).toHaveLength(1);
}

describe('work lists page on the server', () => {
  it("walks the unit head's inbox two tasks at a time: every task once, soonest due first", async () => {
    const whole = await walk('headA', '/api/v1/inbox', 500);
    const { pages, rows } = await walk('headA', '/api/v1/inbox', 2);
    expect(pages.length).toBeGreaterThan(3);
    const key = (r: Record<string, unknown>) => `${String(r['task'])}:${String(r['issueId'])}`;
    expect(rows.map(key)).toEqual(whole.rows.map(key));
    expectEachOnce(rows.filter((r) => r['task'] === 'claim').map((r) => String(r['issueId'])), overdue.map((o) => o.id));
    const due = rows.map((r) => (r['dueAt'] ? Date.parse(String(r['dueAt'])) : Infinity));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    // Rows carry no paging key of their own.
    expect(rows[0]).not.toHaveProperty('pageKey');
    expect(rows[0]).not.toHaveProperty('ref');
  });

  it('walks the listing queue: every waiting issue once, the oldest first', async () => {
    const { pages, rows } = await walk('dispatcher', '/api/v1/listing-queue', 3);
    expect(pages.length).toBeGreaterThan(1);
    const ids = rows.map((r) => String(r['id']));
    expectEachOnce(ids, waiting.map((w) => w.id));
    const mine = ids.filter((id) => waiting.some((w) => w.id === id));
    expect(mine).toEqual(waiting.map((w) => w.id));
  });

  it('walks the overdue list: every overdue issue once, most overdue first', async () => {
    const { pages, rows } = await walk('supervisor', '/api/v1/supervision/overdue', 2);
    expect(pages.length).toBeGreaterThan(3);
    const ids = rows.map((r) => String(r['id']));
    expectEachOnce(ids, overdue.map((o) => o.id));
    // The longest overdue (7 h) first among this district's.
    expect(ids.filter((id) => overdue.some((o) => o.id === id))).toEqual([...overdue].reverse().map((o) => o.id));
    // Leader A sees them too; leader B, whose enterprises they are not, none.
    expectEachOnce((await walk('leaderA', '/api/v1/supervision/overdue', 4)).rows.map((r) => String(r['id'])), overdue.map((o) => o.id));
    expect((await walk('leaderB', '/api/v1/supervision/overdue', 4)).rows.map((r) => String(r['id'])).filter((id) => overdue.some((o) => o.id === id))).toEqual([]);
  });

  it('refuses a forged cursor on every list with a 400 naming cursor', async () => {
    const forged = [
      'bm90LWEtY3Vyc29y',
      Buffer.from('["2026-02-31T00:00:00+08:00","claim","7d4b3c1e-0000-4000-8000-000000000000"]').toString('base64url'),
      Buffer.from('[true,"x"]').toString('base64url'),
      Buffer.from('{"a":1}').toString('base64url'),
      '%%%',
    ];
    for (const url of ['/api/v1/inbox', '/api/v1/listing-queue', '/api/v1/supervision/overdue', '/api/v1/supervision/orders']) {
      for (const c of forged) {
        const res = await t.get('supervisor', `${url}?cursor=${encodeURIComponent(c)}`);
        expect(res.statusCode, `${url} ${c}: ${res.body}`).toBe(400);
        const body = expectProblem(res, 400);
        expect(JSON.stringify(body)).toContain('cursor');
      }
    }
  });
});
