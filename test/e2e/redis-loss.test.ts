import { afterAll, describe, expect, it } from 'vitest';
import { startMailSink, type MailSink } from '@huiyin/mailsink';
import { openQueueBackend } from '@huiyin/queues';
import { ownDatabase } from '../support/own-database.ts';
import { spawnService, type ServiceProcess } from '../support/service-process.ts';
import { startTimedDistrict } from '../support/timed-district.ts';
import { until } from '../support/until.ts';
import { matchOutboxMail } from '../support/outbox-mail.ts';
import { startOwnRedis } from '../drills/support/own-redis.ts';
import { freePort } from '../drills/support/rig.ts';
import { sharedRedisPrefix } from '../support/run-scope.ts';

// Redis loses everything while the worker processes keep running: FLUSHALL, then a restart of a
// server that keeps nothing. The workers must notice on their own and rebuild from PostgreSQL
// before the lost timers fall due, so every step still fires once, in order, and every mail
// arrives once — including the mails that failed before the flush (mail waits in the outbox,
// never in Redis). A redis-server
// of this file's own, so a FLUSHALL or a restart never touches another run's keys.

// Claim limit 24 s: reminder 10 s after dispatch, yellow 20 s, red 24 s, leader 25 s, 督办单 26 s.
// The FLUSHALL comes before the reminders, the restart between the reminders and the yellow
// cards: 10 s of room each, where a 12 s limit left 5 s and 3 s, which a loaded machine (load 10+
// on two cores) can use up in sending the first mails or in a late reminder.
const CLAIM_SECONDS = 24;
const POLICY = {
  reminderBeforeSeconds: 14,
  yellowBeforeSeconds: 4,
  leaderAfterSeconds: 1,
  supervisionAfterSeconds: 2,
  supervisionOrderLimit: { amount: 60, unit: 'seconds' },
  firstContactLimit: { amount: 30, unit: 'seconds' },
};
const TRACK = ['reminded', 'yellow', 'red', 'leader', 'supervision'];
// Ceilings for waiting on the workers: `until` and waitForLog return as soon as what they wait
// for is there. How fast a loss is noticed, and how late the steps come, is bench's to measure.
const WAIT_MS = 60_000;

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => console.error('cleanup failed', err));
}, 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

describe('Redis lost under running worker processes', () => {
  it('rebuilds timers before the lost timers fall due: every step once, every mail once', async () => {
    const server = await startOwnRedis();
    cleanups.push(() => server.stop());
    const own = await ownDatabase('redis_loss');
    cleanups.push(() => own.drop());
    const prefix = `${sharedRedisPrefix()}_rloss`;
    // Redis itself is what is lost here, whatever backend the rest of the suite runs on.
    const backend = await openQueueBackend({ kind: 'redis', redisUrl: server.url, databaseUrl: own.url, prefix });
    cleanups.push(() => backend.close());
    const redis = backend.redis!;
    // The SMTP server is not up yet: the first mails fail and wait in the outbox for their retry.
    const smtpPort = await freePort();
    let sink: MailSink | undefined;
    cleanups.push(async () => sink?.close());

    const workers: ServiceProcess[] = [];
    cleanups.push(() => Promise.all(workers.map((w) => (w.kill('SIGKILL'), w.exited))));
    const started = Promise.all(
      [1, 2].map(async (n) => {
        const w = spawnService('services/worker/src/main.ts', `rloss-w${n}`, {
          DATABASE_URL: `${own.url}?application_name=rloss-w${n}`,
          TIMERS_BACKEND: 'redis',
          REDIS_URL: server.url,
          REDIS_PREFIX: prefix,
          SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          LOG_LEVEL: 'info',
        });
        workers.push(w);
        await w.waitForLog('timers reconciled at start-up', 90_000);
      }),
    );
    started.catch(() => undefined);

    const { api, d, ent, dispatcher } = await startTimedDistrict({ databaseUrl: own.url, backend, policy: POLICY, claimSeconds: CLAIM_SECONDS, handlingSeconds: 600, cleanups });
    await started;

    const post = async (token: string, url: string, body: object) => {
      const res = await api.call(token, 'POST', url, body);
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json() as { id: string; number: string };
    };
    const issues = await Promise.all(
      [1, 2, 3].map(async (i) => {
        const issue = await post(ent, '/api/v1/issues', { categoryId: d.categoryId, title: `断电诉求 ${i}`, description: '时限测试' });
        await post(dispatcher, `/api/v1/issues/${issue.id}/list`, {});
        await post(dispatcher, `/api/v1/issues/${issue.id}/dispatch`, {});
        return issue;
      }),
    );
    const mails = () => api.db.selectFrom('outbox').select(['id', 'payload', 'attempts', 'processed_at']).where('topic', '=', 'mail').execute();
    type Step = { clock: string; step: string; lateMs: number };
    const steps = async () => {
      const rows = await api.db
        .selectFrom('issue_events')
        .select(['issue_id', 'payload'])
        .where(
          'issue_id',
          'in',
          issues.map((i) => i.id),
        )
        .where('type', '=', 'trackStep')
        .orderBy('seq')
        .execute();
      return issues.map((i) =>
        rows
          .filter((r) => r.issue_id === i.id)
          .map((r) => r.payload as Step)
          .filter((p) => p.clock === 'claim'),
      );
    };
    /** When the next step of the first of these claim clocks falls due. */
    const nextDue = async () => {
      const row = await api.db
        .selectFrom('clocks')
        .select((eb) => eb.fn.min('next_step_at').as('at'))
        .where(
          'issue_id',
          'in',
          issues.map((i) => i.id),
        )
        .where('kind', '=', 'claim')
        .executeTakeFirstOrThrow();
      return new Date(row.at ?? 0).getTime();
    };
    // Every mail so far tried and failed once: its retry waits in the outbox, not in Redis.
    const handed = await until(mails, (rows) => rows.length > 0 && rows.every((r) => r.attempts >= 1), WAIT_MS);
    expect(handed.every((r) => r.processed_at === null)).toBe(true);

    // The reminders must still be ahead, or this run proves nothing about rebuilding in time.
    const remindersDue = await nextDue();
    expect((await steps()).flat()).toEqual([]);
    const flushedAt = Date.now();
    await redis.flushall();
    sink = await startMailSink({ smtpPort });
    const rebuilt = (w: ServiceProcess, after: number) => w.waitForLog('rebuilt after Redis loss', WAIT_MS, (l) => l.time > after);
    const firstRebuilds = await Promise.all(workers.map((w) => rebuilt(w, flushedAt)));
    // Noticed by each worker on its own (checked every second), not at the next reconcile five
    // minutes on: each rebuilt before the reminders fell due.
    for (const l of firstRebuilds) expect(l.time).toBeLessThan(remindersDue);

    // The failed mails go out at their retry: the flush took nothing of theirs.
    const delivered = await until(mails, (rows) => handed.every((h) => rows.find((r) => r.id === h.id)?.processed_at), WAIT_MS);
    expect(handed.filter((h) => !delivered.find((r) => r.id === h.id)?.processed_at)).toEqual([]);

    // Then the server restarts empty; timers set since the flush (the yellow cards) are lost too.
    // A worker logs a step once it has set the next timer: wait for every reminder's line.
    const reminded = () => workers.flatMap((w) => w.logs).filter((l) => l.msg === 'clock step' && l['step'] === 'reminded' && l['outcome'] === 'applied').length;
    expect(await until(reminded, (n) => n >= issues.length, WAIT_MS)).toBe(issues.length);
    // The yellow cards must still be ahead, as the reminders were at the flush.
    const yellowsDue = await nextDue();
    expect((await steps()).map((s) => s.map((x) => x.step))).toEqual(issues.map(() => ['reminded']));
    const restartedAt = Date.now();
    await server.restart();
    const secondRebuilds = await Promise.all(workers.map((w) => rebuilt(w, restartedAt)));
    for (const l of secondRebuilds) expect(l.time).toBeLessThan(yellowsDue);

    const walked = await until(steps, (s) => s.every((x) => x.length >= TRACK.length), WAIT_MS);
    expect(walked.map((s) => s.map((x) => x.step))).toEqual(issues.map(() => TRACK));
    // None before its time. How late each came is bench's to measure (pnpm bench).
    expect(walked.flat().filter((s) => s.lateMs < 0)).toEqual([]);

    // Every mail of the outbox sent, each exactly once.
    const all = await until(mails, (rows) => rows.every((r) => r.processed_at !== null), WAIT_MS);
    expect(all.filter((r) => r.processed_at === null)).toEqual([]);
    await sleep(500);
    // Matched by Message-ID: mail the worker's own schedules (08:00 digests, 08:30 bulletin) add meanwhile is the outbox's too.
    const matched = await matchOutboxMail(api.db, sink, all);
    expect(matched.wrong).toEqual([]);
    expect(matched.resent).toBe(0);
    const received = sink.messages();
    // Nor was one notice of the test's issues written as two rows, each sent once.
    const ours = received.filter((m) => issues.some((i) => m.subject.includes(i.number))).map((m) => `${m.subject}|${[...m.to].sort().join(',')}`);
    expect(new Set(ours).size).toBe(ours.length);
    for (const i of issues) expect(received.filter((m) => m.subject.startsWith(`【督办单】${i.number}`))).toHaveLength(1);
    expect((await steps()).map((s) => s.length)).toEqual(issues.map(() => TRACK.length));
    const lateness = walked.flat().map((s) => s.lateMs);
    console.info(
      `redis-loss: rebuilt ${firstRebuilds.map((l) => l.time - flushedAt).join('/')} ms after FLUSHALL, ${secondRebuilds.map((l) => l.time - restartedAt).join('/')} ms after the restart began; ` +
        `${lateness.length} steps, lateness max ${Math.max(...lateness)} ms; ${handed.length} mails failed before the flush, ${received.length} received`,
    );
  }, 300_000);
});
