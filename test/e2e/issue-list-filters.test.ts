import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, fieldsOf, openDistrict, type E2eDistrict, type Filed, type Who } from './e2e-district.ts';

let t: E2eDistrict;
/** Filed and waiting to be listed: three of entA's, two of entB's. */
let waitingA: Filed[] = [];
let waitingB: Filed[] = [];
/** entA's, dispatched with the assignment's defaults (leader A, unit A). */
let toA: Filed[] = [];
/** entB's, dispatched to leader B and unit B. */
let toB: Filed;

type Row = Record<string, unknown> & { id: string };
type Paged = { items: Row[]; nextCursor: string | null };

beforeAll(async () => {
  t = await openDistrict();
  waitingA = [await t.file('entA'), await t.file('entA'), await t.file('entA')];
  waitingB = [await t.file('entB'), await t.file('entB')];
  toA = [await t.dispatched('entA'), await t.dispatched('entA')];
  toB = await t.dispatched('entB', { leaderId: t.d.leaderB, leadUnitId: t.d.unitB });
  // Both sides of a Shanghai midnight: 15 Jan 23:30 and 16 Jan 00:10 there (15:30 and 16:10 UTC).
  await t.api.db
    .updateTable('issues')
    .set({ filed_at: new Date('2026-01-15T15:30:00Z') })
    .where('id', '=', waitingA[0]!.id)
    .execute();
  await t.api.db
    .updateTable('issues')
    .set({ filed_at: new Date('2026-01-15T16:10:00Z') })
    .where('id', '=', waitingA[1]!.id)
    .execute();
}, 60_000);
afterAll(() => t.close());

/** The ids a list gives `who` under this district's category (other files' districts share the database). */
async function ids(who: Who, url: string): Promise<string[]> {
  const sep = url.includes('?') ? '&' : '?';
  const res = await t.get(who, `${url}${sep}categoryId=${t.d.categoryId}&limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Paged).items.map((r) => r.id);
}
const sorted = (xs: Filed[]) => xs.map((x) => x.id).sort();

describe('the issue list filters on the server', () => {
  it('narrows by category, enterprise, stage, leader and unit', async () => {
    const all = [...waitingA, ...waitingB, ...toA, toB];
    expect((await ids('supervisor', '/api/v1/issues')).sort()).toEqual(sorted(all));
    expect((await ids('supervisor', `/api/v1/issues?enterpriseId=${t.d.entB.id}`)).sort()).toEqual(sorted([...waitingB, toB]));
    expect((await ids('supervisor', '/api/v1/issues?stage=awaitingClaim')).sort()).toEqual(sorted([...toA, toB]));
    expect((await ids('supervisor', `/api/v1/issues?leaderId=${t.d.leaderB}`)).sort()).toEqual(sorted([toB]));
    expect((await ids('supervisor', `/api/v1/issues?unitId=${t.d.unitA}&enterpriseId=${t.d.entA.id}`)).sort()).toEqual(sorted(toA));
    // A filter never widens what the reader may see: unit B's handler asking for unit A's gets nothing.
    expect(await ids('handlerB', `/api/v1/issues?unitId=${t.d.unitA}`)).toEqual([]);
    const other = await t.get('dispatcher', `/api/v1/issues?categoryId=${t.d.newId()}`);
    expect((other.json() as Paged).items).toEqual([]);
  });

  it('takes filing dates as Shanghai days, both ends included', async () => {
    expect(await ids('supervisor', '/api/v1/issues?filedFrom=2026-01-15&filedTo=2026-01-15')).toEqual([waitingA[0]!.id]);
    expect(await ids('supervisor', '/api/v1/issues?filedFrom=2026-01-16&filedTo=2026-01-16')).toEqual([waitingA[1]!.id]);
    expect((await ids('supervisor', '/api/v1/issues?filedTo=2026-01-16')).sort()).toEqual(sorted(waitingA.slice(0, 2)));
    expect(await ids('supervisor', '/api/v1/issues?filedFrom=2026-01-17&filedTo=2026-06-30')).toEqual([]);
  });

  it('refuses a bad filter with a 400 naming the field', async () => {
    expect(fieldsOf(expectProblem(await t.get('supervisor', '/api/v1/issues?filedFrom=2026-02-30'), 400))).toEqual(['querystring.filedFrom']);
    expect(fieldsOf(expectProblem(await t.get('supervisor', '/api/v1/issues?filedFrom=2026-03-02&filedTo=2026-03-01'), 400))).toEqual(['filedTo']);
    expect(fieldsOf(expectProblem(await t.get('supervisor', '/api/v1/issues?categoryId=abc'), 400))).toEqual(['querystring.categoryId']);
    expect(fieldsOf(expectProblem(await t.get('supervisor', '/api/v1/issues?sort=title'), 400))).toEqual(['querystring.sort']);
    expect(fieldsOf(expectProblem(await t.get('dispatcher', '/api/v1/listing-queue?filedTo=7383-08-01'), 400))).toEqual(['querystring.filedTo']);
    expect(fieldsOf(expectProblem(await t.get('supervisor', '/api/v1/supervision/overdue?stage=lost'), 400))).toEqual(['querystring.stage']);
  });
});

/** Every page of a sorted list, `limit` rows at a time. */
async function walk(url: string, limit: number): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await t.get('supervisor', `${url}&categoryId=${t.d.categoryId}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as Paged;
    rows.push(...page.items);
    cursor = page.nextCursor;
    expect(++pages).toBeLessThan(100);
  } while (cursor);
  return rows;
}

describe('the issue list sorts on the server', () => {
  it.each([
    ['number', 'asc'],
    ['number', 'desc'],
    ['dueAt', 'asc'],
    ['dueAt', 'desc'],
    ['stage', 'asc'],
    ['filedAt', 'asc'],
  ] as const)('walks sort=%s order=%s two rows a page: every issue once, in order', async (sort, order) => {
    const rows = await walk(`/api/v1/issues?sort=${sort}&order=${order}`, 2);
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => r.id)).size).toBe(8);
    const value = (r: Row): string | number => {
      if (sort === 'number') return String(r['number']);
      if (sort === 'stage') return String(r['stage']);
      if (sort === 'filedAt') return Date.parse(String(r['filedAt']));
      const due = r['handlingDueAt'] ?? r['expectedDueAt'];
      return due ? Date.parse(String(due)) : Infinity;
    };
    const got = rows.map(value);
    const want = [...got].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(got).toEqual(order === 'asc' ? want : want.reverse());
  });

  it('refuses a cursor of another sort as one it never gave out', async () => {
    const first = (await t.get('supervisor', `/api/v1/issues?sort=stage&categoryId=${t.d.categoryId}&limit=2`)).json() as Paged;
    expect(first.nextCursor).not.toBeNull();
    const res = await t.get('supervisor', `/api/v1/issues?sort=number&categoryId=${t.d.categoryId}&limit=2&cursor=${first.nextCursor}`);
    expect(fieldsOf(expectProblem(res, 400))).toContain('cursor');
  });
});

describe('the work lists take the same filters', () => {
  it("filters the listing queue, a leader or unit by the assignment's defaults", async () => {
    const q = '/api/v1/listing-queue';
    expect((await ids('dispatcher', q)).sort()).toEqual(sorted([...waitingA, ...waitingB]));
    expect((await ids('dispatcher', `${q}?enterpriseId=${t.d.entB.id}`)).sort()).toEqual(sorted(waitingB));
    expect((await ids('dispatcher', `${q}?leaderId=${t.d.leaderA}&unitId=${t.d.unitA}`)).sort()).toEqual(sorted([...waitingA, ...waitingB]));
    expect(await ids('dispatcher', `${q}?leaderId=${t.d.leaderB}`)).toEqual([]);
    expect(await ids('dispatcher', `${q}?filedFrom=2026-01-16&filedTo=2026-01-16`)).toEqual([waitingA[1]!.id]);
  });

  it('says when each waiting issue is due to be listed and how far its track has gone', async () => {
    const res = await t.get('dispatcher', `/api/v1/listing-queue?categoryId=${t.d.categoryId}&limit=200`);
    const items = (res.json() as Paged).items;
    for (const item of items) {
      expect(Date.parse(String(item['listingDueAt']))).toBeGreaterThan(Date.parse(String(item['filedAt'])));
      expect(item['track']).toBe('on_time');
    }
  });

  it('filters the overdue board by leader and unit', async () => {
    // Past their claim time: the clock would have got here by itself, slower.
    await t.api.db
      .updateTable('issues')
      .set({ claim_due_at: new Date(Date.now() - 3_600_000) })
      .where(
        'id',
        'in',
        [...toA, toB].map((x) => x.id),
      )
      .execute();
    const q = '/api/v1/supervision/overdue';
    expect((await ids('supervisor', q)).sort()).toEqual(sorted([...toA, toB]));
    expect(await ids('supervisor', `${q}?leaderId=${t.d.leaderB}`)).toEqual([toB.id]);
    expect((await ids('supervisor', `${q}?unitId=${t.d.unitA}`)).sort()).toEqual(sorted(toA));
    expect(await ids('supervisor', `${q}?enterpriseId=${t.d.entB.id}&unitId=${t.d.unitA}`)).toEqual([]);
  });
});

describe('已办 and the pickers', () => {
  it("lists an official's 已办: the issues in whose ledger they acted, and refuses it to an enterprise", async () => {
    const mine = await t.dispatched('entB');
    await t.ok('handlerA', mine.id, 'claim');
    expect(await ids('handlerA', '/api/v1/issues?actedBy=me')).toEqual([mine.id]);
    expect(await ids('headA', '/api/v1/issues?actedBy=me')).toEqual([]);
    // The dispatcher listed and dispatched every dispatched issue of this district.
    expect((await ids('dispatcher', '/api/v1/issues?actedBy=me')).sort()).toEqual(sorted([...toA, toB, mine]));
    expect(fieldsOf(expectProblem(await t.get('entA', '/api/v1/issues?actedBy=me'), 400))).toEqual(['actedBy']);
    expect(fieldsOf(expectProblem(await t.get('handlerA', '/api/v1/issues?actedBy=someone'), 400))).toEqual(['querystring.actedBy']);
  });

  it('finds enterprises by part of their name, LIKE characters taken as written', async () => {
    const name = async (q: string) => ((await t.get('dispatcher', `/api/v1/enterprises?limit=200&name=${encodeURIComponent(q)}`)).json() as { items: Array<{ id: string }> }).items.map((e) => e.id);
    expect(await name(`企业乙-${t.d.tag}`)).toEqual([t.d.entB.id]);
    expect((await name(t.d.tag)).sort()).toEqual([t.d.entA.id, t.d.entB.id].sort());
    expect(await name(`${t.d.tag}%`)).toEqual([]);
  });

  it('marks a duplicate by the original’s 工单号', async () => {
    const [original, copy, other] = [await t.file('entA'), await t.file('entA'), await t.file('entB')];
    const refused = await t.act('dispatcher', copy.id, 'mark-duplicate', { duplicateOfNumber: other.number });
    expect(fieldsOf(expectProblem(refused, 422))).toEqual(['duplicateOfNumber']);
    expect(fieldsOf(expectProblem(await t.act('dispatcher', copy.id, 'mark-duplicate', { duplicateOfNumber: '2026-12' }), 400))).toEqual(['duplicateOfNumber']);
    expect(fieldsOf(expectProblem(await t.act('dispatcher', copy.id, 'mark-duplicate', {}), 400))).toEqual(['duplicateOfNumber']);
    await t.ok('dispatcher', copy.id, 'mark-duplicate', { duplicateOfNumber: original.number });
    const row = await t.api.db.selectFrom('issues').select(['stage', 'duplicate_of']).where('id', '=', copy.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ stage: 'duplicate', duplicate_of: original.id });
  });
});
