import { shanghaiDate } from '@huiyin/calendar';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '@huiyin/config';
import { createCalendarFromDb, followCalendarChanges, saveExtraDays } from '@huiyin/engine';
import { createClockTimers, instantJobId, instantOf } from '@huiyin/timers';
import { backendEnv, openTestBackend } from '../support/queue-backend.ts';
import { calendarCommand } from '../../services/cli/src/calendar-command.ts';
import { openEngine } from '../../services/cli/src/open-engine.ts';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { ownDatabase } from '../support/own-database.ts';
import { until } from '../support/until.ts';
import { sharedRedisPrefix } from '../support/run-scope.ts';

// A database of this file's own: an import recomputes every open issue and declares days for all.
let own: Awaited<ReturnType<typeof ownDatabase>>;
let api: TestApi;
let d: SmallDistrict;
let dir: string;
const redisPrefix = `${sharedRedisPrefix()}_calimport`;

beforeAll(async () => {
  own = await ownDatabase('calimport');
  api = await startApi({ DATABASE_URL: own.url }, { calendarFromDb: true });
  d = await createDistrict(api.db);
  dir = await mkdtemp(join(tmpdir(), 'huiyin-calimport-'));
});
afterAll(async () => {
  await api.close();
  await own.drop();
  await rm(dir, { recursive: true, force: true });
});

const quietly = async <T>(run: () => Promise<T>) => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    return { result: await run(), out: log.mock.calls.flat().join('\n') };
  } finally {
    log.mockRestore();
  }
};

describe('huiyin calendar import on a running district', () => {
  it('moves the due time of an open issue when a working day before it becomes a holiday, and sets its timer', async () => {
    const category = await api.db
      .insertInto('categories')
      .values({
        code: `wd-${d.tag}`,
        name: '工作日类',
        green_channel: false,
        claim_limit: JSON.stringify({ amount: 2, unit: 'workingDays' }),
        handling_limit: JSON.stringify({ amount: 10, unit: 'workingDays' }),
        supplement_limit: JSON.stringify({ amount: 5, unit: 'workingDays' }),
        rating_limit: JSON.stringify({ amount: 3, unit: 'workingDays' }),
        rating_timeout_outcome: 'close_unrated',
        // Listed without a milestone plan: test/e2e/milestone-plan.test.ts has that rule.
        milestones_required_from: JSON.stringify({ amount: 1000, unit: 'workingDays' }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ent = await api.login(d.entA.login);
    const dispatcher = await api.login(d.people.dispatcher.login);
    const filed = (await api.call(ent, 'POST', '/api/v1/issues', { categoryId: category.id, title: '用地手续', description: '用地预审材料已齐，等待受理。' })).json() as { id: string };
    expect((await api.call(dispatcher, 'POST', `/api/v1/issues/${filed.id}/list`, {})).statusCode).toBe(200);
    const before = (await api.call(dispatcher, 'POST', `/api/v1/issues/${filed.id}/dispatch`, {})).json() as { claimDueAt: string; version: number };

    // The first working day after today, in the calendar the engine uses, becomes a holiday.
    // Days are Shanghai's (UTC+8, no summer time): from 16:00 UTC its today is UTC's tomorrow.
    const cal = await createCalendarFromDb(api.db);
    const shanghaiDay = (ms: number) => shanghaiDate(new Date(ms));
    const from = shanghaiDay(Date.now() + 86_400_000);
    const to = shanghaiDay(Date.now() + 20 * 86_400_000);
    const firstWorkday = cal.days(from, to).find((day) => day.kind === 'workday' || day.kind === 'makeup_workday');
    expect(firstWorkday).toBeDefined();
    const file = join(dir, 'notice.json');
    await writeFile(file, JSON.stringify({ source: '测试通知', days: [{ date: firstWorkday!.date, kind: 'holiday', name: '临时休假' }] }));

    const config = loadConfig({ DATABASE_URL: own.url, REDIS_PREFIX: redisPrefix, ...backendEnv() });
    const { result: code, out } = await quietly(() => calendarCommand(['import', file], api.db, openEngine(api.db, config)));

    expect(code).toBe(0);
    expect(out).toMatch(/open issues: 1 due times moved/);
    const after = await api.db
      .selectFrom('clocks')
      .select(['id', 'due_at', 'version', 'next_step', 'next_step_at'])
      .where('issue_id', '=', filed.id)
      .where('kind', '=', 'claim')
      .executeTakeFirstOrThrow();
    expect(after.due_at.getTime()).toBeGreaterThan(Date.parse(before.claimDueAt));
    const events = await api.db.selectFrom('issue_events').select('type').where('issue_id', '=', filed.id).execute();
    expect(events.map((e) => e.type)).toContain('recomputeDue');
    // The moved clock's next step waits in the timer backend: days away, its minute's window job.
    const backend = await openTestBackend(redisPrefix, own.url);
    const timers = createClockTimers(backend);
    try {
      const jobId = instantJobId(instantOf(after.next_step_at!.getTime(), Date.now()));
      expect(jobId.startsWith('w'), 'a window job').toBe(true);
      const job = await timers.queue.getJob(jobId);
      expect(job, 'the moved clock has its timer').toBeDefined();
      expect(await job!.isDelayed()).toBe(true);
      await timers.queue.obliterate({ force: true });
    } finally {
      await timers.close();
      await backend.close();
    }
  });
});

describe('followCalendarChanges', { timeout: 120_000 }, () => {
  // Ceiling for waiting on a notice or a reconnect: `until` returns as soon as it has come; a
  // loaded machine (load 10+ on two cores) can take seconds where a quiet one takes milliseconds.
  const WAIT_MS = 30_000;
  const dbName = () => new URL(own.url).pathname.slice(1);
  /** The listener's connection once it has said LISTEN (its last statement), or nothing. */
  const listening = async () =>
    (await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = 'huiyin-calendar-listener' and datname = ${dbName()} and query like 'listen %'`.execute(api.db)).rows;

  it('hears a declaration on commit, and again after its connection is cut', async () => {
    const heard: number[] = [];
    const follower = followCalendarChanges(own.url, async () => void heard.push(Date.now()));
    try {
      expect(await until(listening, (rows) => rows.length === 1, WAIT_MS)).toHaveLength(1);
      await saveExtraDays(api.db, [{ date: '2045-05-02', kind: 'holiday' }], { source: 'test', accountId: null });
      expect(
        await until(
          () => heard.length,
          (n) => n === 1,
          WAIT_MS,
        ),
      ).toBe(1);

      await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'huiyin-calendar-listener' and datname = ${dbName()}`.execute(api.db);
      // Listening again, it reports once for what it may have missed; then it hears new declarations.
      expect(
        await until(
          () => heard.length,
          (n) => n === 2,
          WAIT_MS,
        ),
      ).toBe(2);
      expect(await until(listening, (rows) => rows.length === 1, WAIT_MS)).toHaveLength(1);
      await saveExtraDays(api.db, [{ date: '2045-05-03', kind: 'holiday' }], { source: 'test', accountId: null });
      expect(
        await until(
          () => heard.length,
          (n) => n === 3,
          WAIT_MS,
        ),
      ).toBe(3);
    } finally {
      await follower.close();
    }
  });
});
