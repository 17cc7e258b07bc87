import { afterAll, beforeAll, expect, it } from 'vitest';
import { UnrecoverableError, type Job } from 'bullmq';
import type { JobWorker, QueueBackend } from '@huiyin/queues';
import { createWorkingCalendar } from '@huiyin/calendar';
import { createClockTimers, createClockWorker, reconcileTimers, runTimerJob, type TimerJobData } from '@huiyin/timers';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { ownDatabase } from '../support/own-database.ts';
import { until } from '../support/until.ts';
import { openTestBackend } from '../support/queue-backend.ts';
import { sharedRedisPrefix } from '../support/run-scope.ts';

// Claim limit 20 s with the reminder 19 s before it: the first step falls due a second after dispatch.
const POLICY = {
  reminderBeforeSeconds: 19,
  yellowBeforeSeconds: 10,
  leaderAfterSeconds: 1,
  supervisionAfterSeconds: 2,
  supervisionOrderLimit: { amount: 60, unit: 'seconds' },
  firstContactLimit: { amount: 30, unit: 'seconds' },
};
const prefix = `${sharedRedisPrefix()}_failures`;

let own: Awaited<ReturnType<typeof ownDatabase>>;
let api: TestApi;
let d: SmallDistrict;
let backend: QueueBackend;
let timers: ReturnType<typeof createClockTimers>;
let worker: JobWorker<TimerJobData>;
let failNext = true;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  own = await ownDatabase('timer_failures');
  backend = await openTestBackend(prefix, own.url);
  timers = createClockTimers(backend);
  api = await startApi({ DATABASE_URL: own.url }, { timers });
  d = await createDistrict(api.db);
  const seconds = (amount: number) => JSON.stringify({ amount, unit: 'seconds' });
  await api.db
    .updateTable('categories')
    .set({ track_policy: JSON.stringify(POLICY), claim_limit: seconds(20) })
    .where('id', '=', d.categoryId)
    .execute();
  tokens['entA'] = await api.login(d.entA.login);
  tokens['dispatcher'] = await api.login(d.people.dispatcher.login);
  const deps = { db: api.db, calendar: createWorkingCalendar(), clock: () => new Date() };
  // The first job fails for good, as after its last attempt or a second stall.
  worker = createClockWorker(backend, async (job) => {
    if (failNext) {
      failNext = false;
      throw new UnrecoverableError('PostgreSQL unreachable past the last attempt');
    }
    return runTimerJob(deps, timers, job);
  });
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await timers?.queue.obliterate({ force: true }).catch(() => undefined);
  await timers?.close();
  await backend?.close();
  await api?.close();
  await own?.drop();
});

it('sets a timer again at reconciling after its job failed for good (a kept failed job would keep its jobId)', async () => {
  const failed = new Promise<Job<TimerJobData> | undefined>((resolve) => worker.once('failed', (job) => resolve(job)));
  const post = async (who: string, url: string, body: object) => (await api.call(tokens[who] ?? '', 'POST', url, body)).json() as { id: string };
  const issue = await post('entA', '/api/v1/issues', { categoryId: d.categoryId, title: '定时任务失败', description: '时限测试' });
  await post('dispatcher', `/api/v1/issues/${issue.id}/list`, {});
  await post('dispatcher', `/api/v1/issues/${issue.id}/dispatch`, {});
  const job = await failed;
  // The drain of the reminder's instant (the claim limit is 20 s, so no window job).
  expect(job?.name).toBe('drain');

  expect(await reconcileTimers(api.db, timers)).toBeGreaterThan(0);
  const steps = await until(
    async () => (await api.db.selectFrom('issue_events').select('payload').where('issue_id', '=', issue.id).where('type', '=', 'trackStep').execute()).map((e) => (e.payload as { step: string }).step),
    (s) => s.length > 0,
    // A ceiling, returned from as soon as the step is there: a loaded machine takes seconds.
    60_000,
  );
  expect(steps).toEqual(['reminded']);
}, 120_000);
