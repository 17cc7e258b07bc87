import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULLETIN_JOB, BULLETIN_SCHEDULE, generateBulletin, getBulletin, parseBulletinPeriod, periodJustEnded, runScheduledBulletin } from '@huiyin/reports';
import { openTestBackend } from '../support/queue-backend.ts';
import { createWorkingCalendar } from '@huiyin/calendar';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { ownDatabase } from '../support/own-database.ts';
import { sharedDatabaseUrl, sharedRedisPrefix } from '../support/run-scope.ts';

let api: TestApi;
let d: SmallDistrict;
let own: Awaited<ReturnType<typeof ownDatabase>>;
const calendar = createWorkingCalendar();
// A database of its own: the scheduled bulletin mails every leader, unit head and supervisor in it.
beforeAll(async () => {
  own = await ownDatabase('reports_schedule');
  api = await startApi({ DATABASE_URL: own.url });
  d = await createDistrict(api.db);
});
afterAll(async () => {
  await api?.close();
  await own?.drop();
});

/** Shanghai wall time of an instant, as `D HH:mm`. */
const shanghai = (ms: number) => {
  const t = new Date(ms + 8 * 3_600_000);
  return `${t.getUTCDate()} ${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
};

describe('the semi-monthly bulletin scheduler', () => {
  it("BullMQ's job scheduler with our pattern next fires at 08:30 Shanghai, each day", async () => {
    const backend = await openTestBackend(sharedRedisPrefix(), sharedDatabaseUrl());
    const queue = backend.queue(`bulletin-schedule-${process.pid}`);
    try {
      await queue.upsertJobScheduler(BULLETIN_JOB, BULLETIN_SCHEDULE, { name: BULLETIN_JOB });
      const scheduler = await queue.getJobScheduler(BULLETIN_JOB);
      const next = Number(scheduler?.next);
      expect(next).toBeGreaterThan(Date.now());
      expect(shanghai(next)).toMatch(/ 08:30$/);
      expect(next - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
      // It may publish only a period that has ended.
      expect(periodJustEnded(new Date(next)).end.getTime()).toBeLessThanOrEqual(next);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await backend.close();
    }
  });

  it('waits for the appeal window, then stores the bulletin of the period just ended once, and mails leaders, unit heads and supervision once', async () => {
    const run = (at: string) => runScheduledBulletin({ db: api.db, calendar, clock: () => new Date(at) });
    // 16–30 June: its units may appeal until the close of business of the third working day
    // after (Wed 1, Thu 2, Fri 3 July): the runs of 1 and 3 July publish nothing.
    const closes = '2026-07-03T09:30:00.000Z';
    for (const at of ['2026-07-01T00:30:00Z', '2026-07-03T00:30:00Z', '2026-07-03T09:29:59Z']) {
      expect(await run(at)).toEqual({ bulletinId: null, periodId: '2026-06-H2', appealsCloseAt: closes, created: false, mailed: 0 });
    }
    expect(await api.db.selectFrom('bulletins').select('id').where('period_id', '=', '2026-06-H2').execute()).toEqual([]);
    // Saturday 4 July, 08:30: the window has closed.
    const first = await run('2026-07-04T00:30:00Z');
    expect(first).toMatchObject({ periodId: '2026-06-H2', appealsCloseAt: closes, created: true });
    expect(first.mailed).toBeGreaterThan(0);
    const again = await run('2026-07-05T00:30:00Z');
    expect(again).toEqual({ bulletinId: first.bulletinId, periodId: '2026-06-H2', appealsCloseAt: closes, created: false, mailed: 0 });
    const mails = await api.db.selectFrom('outbox').select(['payload', 'dedupe_key']).where('dedupe_key', 'like', `bulletin-${first.bulletinId}-%`).execute();
    const to = mails.flatMap((m) => (m.payload as { to: string[] }).to);
    expect(new Set(to).size).toBe(mails.length);
    const mine = (login: string) => `${login}@test.local`;
    // Exactly the district's leaders, unit heads and supervision; not handlers, dispatchers or admins.
    const { leaderA, leaderB, headA, headB, supervisor } = d.people;
    expect(to.sort()).toEqual([leaderA, leaderB, headA, headB, supervisor].map((p) => mine(p.login)).sort());
    const payload = mails[0]?.payload as { subject: string; link: string };
    expect(payload.subject).toBe('【每半月汇总通报】2026年6月下半月（16日—30日）');
    expect(payload.link).toBe(`/bulletins/${first.bulletinId}`);
    // Their console inbox points at the page too.
    const account = await api.db.selectFrom('accounts').select('id').where('login', '=', d.people.headA.login).executeTakeFirstOrThrow();
    const inbox = await api.db.selectFrom('notifications').select(['link', 'subject']).where('account_id', '=', account.id).where('link', '=', `/bulletins/${first.bulletinId}`).execute();
    expect(inbox).toHaveLength(1);
  });

  it('freezes further sections (the seam for key projects) with the rest of the bulletin', async () => {
    let calls = 0;
    const projects = async ({ period }: { period: { id: string } }) => ({ period: period.id, calls: ++calls });
    const { bulletin } = await generateBulletin(
      { db: api.db, clock: () => new Date('2026-07-02T00:00:00Z') },
      { period: parseBulletinPeriod('2026-06-H1'), kind: 'on_demand', generatedBy: null, revision: true, sections: { projects } },
    );
    expect((await getBulletin(api.db, bulletin.id)).content.sections).toEqual({ projects: { period: '2026-06-H1', calls: 1 } });
  });
});
