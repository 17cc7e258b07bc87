import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createWorkingCalendar } from '@huiyin/calendar';
import { isValidCreditCode } from '@huiyin/domain';
import { createDb, type Db } from '@huiyin/store';
import { recomputeOpenClocks } from '@huiyin/engine';
import { seedDemo } from '@huiyin/cli/seed';
import { ownDatabase } from '../support/own-database.ts';

// The demo gets a database of its own: it must be loadable into an empty one.
let db: Db;
let own: Awaited<ReturnType<typeof ownDatabase>>;

beforeAll(async () => {
  own = await ownDatabase('demo');
  db = createDb(own.url, { max: 4 });
}, 120_000);
afterAll(async () => {
  await db.destroy();
  await own.drop();
});

describe('the demo district', () => {
  it('loads into an empty database through the real use cases, and only once', async () => {
    const deps = { db, calendar: createWorkingCalendar(), clock: () => new Date() };
    const first = await seedDemo(deps, { ifEmpty: true, issueCount: 80 });
    expect(first).toMatchObject({ seeded: true, enterprises: 100, issues: 80 });
    expect(await seedDemo(deps, { ifEmpty: true })).toMatchObject({ seeded: false });

    const count = async (q: string) => Number((await sql<{ n: string }>`${sql.raw(q)}`.execute(db)).rows[0]?.n);
    expect(await count('select count(*) as n from enterprises where is_key')).toBe(85);
    expect(await count('select count(*) as n from assignments')).toBe(85);
    expect(await count('select count(*) as n from leaders')).toBe(15);
    expect(await count('select count(*) as n from units')).toBe(25);
    const codes = await db.selectFrom('enterprises').select('credit_code').execute();
    expect(codes.every((c) => isValidCreditCode(c.credit_code))).toBe(true);

    const stages = await db.selectFrom('issues').select('stage').distinct().execute();
    expect(stages.map((s) => s.stage).sort()).toEqual([
      'answerReview',
      'answerSignOff',
      'awaitingClaim',
      'closed',
      'inProgress',
      'listed',
      'reopened',
      'resolved',
      'returned',
      'submitted',
      'withdrawn',
    ]);
    // Every version is one event: the ledger and the snapshot agree.
    expect(await count('select count(*) as n from issues i where i.version <> (select count(*) from issue_events e where e.issue_id = i.id)')).toBe(0);
    // 件件有回音: every closed issue carries an answer the enterprise was sent.
    expect(await count(`select count(*) as n from issues i where i.stage = 'closed' and not exists (select 1 from replies r where r.issue_id = i.id and r.kind = 'final' and r.status = 'sent')`)).toBe(
      0,
    );
    // A negative answer reached the enterprise only with the leader's sign-off.
    expect(await count(`select count(*) as n from replies where kind = 'final' and status = 'sent' and outcome = 'negative' and signed_off_by is null`)).toBe(0);
    expect(await count('select count(*) as n from outbox where processed_at is null')).toBe(0);
    // The month's due steps are on the record already: nothing overdue is left for the worker to fire.
    expect(await count(`select count(*) as n from clocks where status = 'running' and next_step_at < now() - interval '1 minute'`)).toBe(0);
    expect(await count(`select count(*) as n from issue_events where type = 'trackStep'`)).toBeGreaterThan(0);
    // The history has late work in it, at its own times: claims and answers recorded late, and red
    // cards older than a week, so the stored bulletins have causes and rankings to show.
    expect(await count(`select count(*) as n from timeliness where what = 'claim' and not on_time`)).toBeGreaterThan(2);
    expect(await count(`select count(*) as n from timeliness where what = 'answer' and not on_time`)).toBeGreaterThan(0);
    expect(await count(`select count(*) as n from issue_events where type = 'trackStep' and payload->>'step' = 'red' and at < now() - interval '7 days'`)).toBeGreaterThan(2);
    expect(await count('select count(*) as n from issues i where i.version <> (select count(*) from issue_events e where e.issue_id = i.id)')).toBe(0);
  }, 120_000);

  it("replays every running clock's due time from the ledger: with the rules unchanged, a recompute moves nothing", async () => {
    // Dispatches, returns awaiting a ruling, reopenings and assisting tasks: the replay gives back what each command computed.
    const deps = { db, calendar: createWorkingCalendar(), clock: () => new Date() };
    const result = await recomputeOpenClocks(deps, { reason: 'calendar' });
    expect(result).toMatchObject({ recomputed: 0, skipped: 0, timers: [] });
    expect(result.unchanged).toBeGreaterThan(10);
    expect(await db.selectFrom('issue_events').select('id').where('type', '=', 'recomputeDue').execute()).toEqual([]);
  }, 60_000);
});
