import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Queue } from 'bullmq';
import { BULLETIN_JOB, BULLETIN_SCHEDULE, generateBulletin, getBulletin, parseBulletinPeriod, periodJustEnded, runScheduledBulletin } from '@huiyin/reports';
import { createRedis } from '@huiyin/timers';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { ownDatabase } from '../support/own-database.ts';

let api: TestApi;
let d: SmallDistrict;
let own: Awaited<ReturnType<typeof ownDatabase>>;
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
  it("BullMQ's job scheduler with our pattern next fires on the 1st or 16th at 08:30 Shanghai, and that run reports the half-month just ended", async () => {
    const connection = createRedis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    const queue = new Queue(`bulletin-schedule-${process.pid}`, { connection, prefix: inject('redisPrefix') });
    try {
      await queue.upsertJobScheduler(BULLETIN_JOB, BULLETIN_SCHEDULE, { name: BULLETIN_JOB });
      const scheduler = await queue.getJobScheduler(BULLETIN_JOB);
      const next = Number(scheduler?.next);
      expect(next).toBeGreaterThan(Date.now());
      expect(['1 08:30', '16 08:30']).toContain(shanghai(next));
      const period = periodJustEnded(new Date(next));
      // The period ends at the midnight (Shanghai) 8.5 hours before the run.
      expect(next - period.end.getTime()).toBe(8.5 * 3_600_000);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
    }
  });

  it('stores the bulletin of the period just ended once, and mails leaders, unit heads and supervision once', async () => {
    // 2026-07-01 08:30 Shanghai: the run for 16–30 June.
    const now = () => new Date('2026-07-01T00:30:00Z');
    const first = await runScheduledBulletin({ db: api.db, clock: now });
    expect(first).toMatchObject({ periodId: '2026-06-H2', created: true });
    expect(first.mailed).toBeGreaterThan(0);
    const again = await runScheduledBulletin({ db: api.db, clock: () => new Date('2026-07-01T00:31:00Z') });
    expect(again).toEqual({ bulletinId: first.bulletinId, periodId: '2026-06-H2', created: false, mailed: 0 });
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
      { period: parseBulletinPeriod('2026-06-H1'), kind: 'on_demand', generatedBy: null, sections: { projects } },
    );
    expect((await getBulletin(api.db, bulletin.id)).content.sections).toEqual({ projects: { period: '2026-06-H1', calls: 1 } });
  });
});
