import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unique } from '../support/district.ts';
import { expectProblem, openDistrict, type E2eDistrict, type Who } from './e2e-district.ts';

let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict();
});
afterAll(() => t.close());

describe('racing commands on one issue', () => {
  it('lets exactly one of two simultaneous claims win, twenty times over; the loser gets 409 issue.wrong_state', async () => {
    const issues = await Promise.all(Array.from({ length: 20 }, () => t.dispatched()));
    for (const issue of issues) {
      const [a, b] = await Promise.all([t.act('handlerA', issue.id, 'claim'), t.act('headA', issue.id, 'claim')]);
      const statuses = [a.statusCode, b.statusCode].sort();
      expect(statuses, `${a.body} / ${b.body}`).toEqual([200, 409]);
      const loser = [a, b].find((r) => r.statusCode === 409);
      if (!loser) throw new Error('no loser');
      expect(expectProblem(loser, 409)).toMatchObject({ code: 'issue.wrong_state', currentState: 'inProgress.working' });
    }
    const claims = await t.api.db
      .selectFrom('issue_events')
      .select(['issue_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where(
        'issue_id',
        'in',
        issues.map((i) => i.id),
      )
      .where('type', '=', 'claim')
      .groupBy('issue_id')
      .execute();
    expect(claims).toHaveLength(20);
    expect(claims.every((c) => Number(c.n) === 1)).toBe(true);
    // The winner is the one on record, in the event and in the issue alike.
    const rows = await t.api.db
      .selectFrom('issues')
      .select(['state', 'version'])
      .where(
        'id',
        'in',
        issues.map((i) => i.id),
      )
      .execute();
    expect(rows.every((r) => r.state === 'inProgress.working' && r.version === 4)).toBe(true);
  });

  it('applies two different commands racing on one issue one after the other, each at its own version', async () => {
    const issue = await t.dispatched();
    await t.ok('handlerA', issue.id, 'claim');
    await t.ok('handlerA', issue.id, 'first-contact', { channel: 'visit', note: '上门' });
    const results = await Promise.all([
      t.act('handlerA', issue.id, 'interim-reply', { body: '正在协调' }),
      t.act('handlerA', issue.id, 'interim-reply', { body: '已报送方案' }),
      t.act('entA', issue.id, 'withdraw', { reason: '已自行解决' }),
    ]);
    const events = await t.api.db.selectFrom('issue_events').select(['seq', 'type']).where('issue_id', '=', issue.id).orderBy('seq').execute();
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
    const accepted = results.filter((r) => r.statusCode === 200).map((r) => r.json() as { version: number });
    // Each accepted command got its own version; a refused one wrote nothing.
    expect(new Set(accepted.map((r) => r.version)).size).toBe(accepted.length);
    expect(events).toHaveLength(5 + accepted.length);
    for (const r of results.filter((x) => x.statusCode !== 200)) expect(expectProblem(r, 409).code).toBe('issue.wrong_state');
  });
});

describe('issue numbers under concurrent filing', () => {
  it('gives fifty simultaneous filings from several accounts fifty distinct numbers of the form YYYY-NNNNNN', async () => {
    const filers: Who[] = ['entA', 'entB', 'handlerA', 'dispatcher', 'headB'];
    const title = `并发立项-${unique()}`;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const who = filers[i % filers.length] ?? 'entA';
        const onBehalf = who === 'entA' || who === 'entB' ? {} : { enterpriseId: i % 2 ? t.d.entA.id : t.d.entB.id, channel: 'phone' };
        return t.fileRaw(who, { title, ...onBehalf });
      }),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const numbers = results.map((r) => (r.json() as { number: string }).number);
    expect(new Set(numbers).size).toBe(50);
    for (const n of numbers) expect(n).toMatch(/^\d{4}-\d{6}$/);
    const rows = await t.api.db.selectFrom('issues').select(['id', 'number']).where('title', '=', title).execute();
    expect(rows.map((r) => r.number).sort()).toEqual([...numbers].sort());
    // No number is held twice anywhere in the table.
    const doubled = await t.api.db
      .selectFrom('issues')
      .select('number')
      .groupBy('number')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(doubled).toEqual([]);
    // The year's sequence is at least as far as the highest number it gave out.
    const year = Number(numbers[0]?.slice(0, 4));
    const {
      rows: [seq],
    } = await sql<{ last: number }>`select last_value::integer as last from pg_sequences where sequencename = ${`issue_numbers_${year}`}`.execute(t.api.db);
    expect(seq?.last).toBeGreaterThanOrEqual(Math.max(...numbers.map((n) => Number(n.slice(5)))));
  });

  it('has the database refuse a second issue with a number already taken', async () => {
    const issue = await t.file('entA');
    const row = await t.api.db.selectFrom('issues').selectAll().where('id', '=', issue.id).executeTakeFirstOrThrow();
    const { id: _id, pressing_due_at: _generated, ...copy } = row;
    await expect(
      t.api.db
        .insertInto('issues')
        .values({ ...copy, snapshot: JSON.stringify(copy.snapshot), time_limit: null })
        .execute(),
    ).rejects.toMatchObject({ code: '23505', constraint: 'issues_number_key' });
  });
});
