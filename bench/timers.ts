/**
 * `pnpm bench timers`: the clock timers (docs/domain.md#clocks) at district scale, each figure beside the bare
 * substrate measured in the same run (a bare BullMQ delayed job with a trivial processor; a raw
 * node-postgres two-insert transaction). Prints a table, writes JSON under bench/results/.
 * A benchmark, not a test: figures vary with the machine (and what else runs on it), ratios less.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createWorkingCalendar } from '@huiyin/calendar';
import { sql } from 'kysely';
import type { TimerRequest } from '@huiyin/engine';
import { createDb, dropDatabase, ensureDatabase, migrateToLatest } from '@huiyin/store';
import { openQueueBackend } from '@huiyin/queues';
import { createClockTimers, instantJobId, instantOf, reconcileTimers } from '@huiyin/timers';
import { armClocks, lastEventId, runningClockIds, waitForSteps } from './support/arm-clocks.ts';
import { bareBurst, bareBytes, bareLateness } from './support/bare-bullmq.ts';
import { cpuBetween, sampleCpu, type CpuShare } from './support/cpu-sample.ts';
import { loadOpenIssues, seedDistrict, templateIssues } from './support/open-issues.ts';
import { spreadOf, type Spread } from './support/quantiles.ts';
import { rawTwoInsertRate } from './support/raw-two-insert.ts';
import { setOffsets } from './support/set-offsets.ts';
import { resetStatements, statementsAvailable, topStatements, type ServerStatement } from './support/pg-statements.ts';
import { bytesUnder, deleteKeysUnder, usedMemory, type RedisBytes } from './support/redis-bytes.ts';
import { startClockWorkers, type ClockWorkers, type WorkerFigures } from './support/worker-processes.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = env('BENCH_SECONDS', 10);
const OPEN_ISSUES = env('BENCH_OPEN_ISSUES', 100_000);
const BURST = env('BENCH_BURST', 50_000);
const WINDOW_SECONDS = env('BENCH_WINDOW_SECONDS', 3 * SECONDS);
const SPREAD_RATE = env('BENCH_SPREAD_RATE', 100);
const AWAITING_SHARE = env('BENCH_AWAITING_CLAIM', 0.1);
const BURST_TIMEOUT_SECONDS = env('BENCH_BURST_TIMEOUT', 300);
const SPREAD = Math.round(SPREAD_RATE * WINDOW_SECONDS);
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
// Issue 21's targets: a burst of 50 000 within 10 s on Redis and 20 s on the PostgreSQL backend,
// two workers faster than one; at 1 000 000 open issues, a rebuild within 60 s and every timer in
// at most 1.5 GB of Redis. The rebuild within 10 s at 100 000 is the earlier target.
const TARGETS = {
  lateP99Ms: 250,
  lateMaxMs: 1000,
  burstSeconds: 10,
  escalationsVsRaw: 0.4,
  bytesVsBare: 1.5,
  rebuildSeconds: 10,
  rebuildSecondsAtMillion: 60,
  redisBytesAtMillion: 1.5e9,
  pgBurstSeconds: 20,
};

const progress = (what: string) => process.stderr.write(`[timers ${new Date().toISOString().slice(11, 19)}] ${what}\n`);
const base = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/huiyin');
const stamp = Date.now().toString(36);
base.pathname = `/huiyin_bench_timers_${stamp}`;
const databaseUrl = base.toString();
const prefix = `huiyin_bench_${stamp}`;
const bareprefix = `${prefix}_bare`;
const workerEnv = { BENCH_DATABASE_URL: databaseUrl, BENCH_REDIS_URL: REDIS_URL, BENCH_PREFIX: prefix };

/**
 * `lateness` is the trackStep's lateMs (fired in the transaction − due); `pickup`, handler start −
 * due; `setLate`, how much later than due schedule() set the job to fire (timestamp + delay − due).
 */
type Phase = {
  workers: number;
  armed: number;
  applied: number;
  timedOut: boolean;
  seconds: number;
  jobsDoneSeconds: number | null;
  perSecond: number;
  lateness: Spread;
  pickup: Spread;
  setLate: Spread;
  armedLateMs: number;
  figures: Array<Omit<WorkerFigures, 'pickupMs'>>;
  cpu: CpuShare | null;
  /** PostgreSQL's own execution time per statement over the phase (null: pg_stat_statements not loaded). */
  server: ServerStatement[] | null;
};

await ensureDatabase(databaseUrl);
const db = createDb(databaseUrl, { max: 10 });
const backend = await openQueueBackend({ kind: 'redis', redisUrl: REDIS_URL, databaseUrl, prefix });
const redis = backend.redis!;
const timers = createClockTimers(backend);
// The same measures on BullMQ's PostgreSQL backend (TIMERS_BACKEND=postgres), its tables in the bench's database.
const pgPrefix = `${prefix}_pg`;
const pgBackend = await openQueueBackend({ kind: 'postgres', redisUrl: REDIS_URL, databaseUrl, prefix: pgPrefix, poolSize: 10 });
const pgTimers = createClockTimers(pgBackend);
const bare = await openQueueBackend({ kind: 'redis', redisUrl: REDIS_URL, databaseUrl, prefix: bareprefix });
const barePg = await openQueueBackend({ kind: 'postgres', redisUrl: REDIS_URL, databaseUrl, prefix: `${bareprefix}_pg`, poolSize: 10 });

/** Where a phase runs: the timers it sets, the worker processes' variables, and what it reads back from the backend. */
type Substrate = {
  timers: typeof timers;
  workerEnv: typeof workerEnv & { BENCH_TIMERS_BACKEND?: string };
  /** Jobs waiting, active or due in delayed. */
  dueJobs(): Promise<number>;
  /** Per request, how much later than due its job was set to fire. */
  offsets(requests: readonly TimerRequest[], setAt: number): Promise<number[]>;
};
const onRedis: Substrate = {
  timers,
  workerEnv,
  async dueJobs() {
    const counts = await timers.queue.getJobCounts('waiting', 'active');
    // BullMQ scores a delayed job by its fire time × 4096 (+ a counter).
    const due = await redis.zcount(`${prefix}:${timers.queue.name}:delayed`, '-inf', (Date.now() + 1) * 4096);
    return (counts['waiting'] ?? 0) + (counts['active'] ?? 0) + due;
  },
  offsets: (requests, setAt) => setOffsets(redis, prefix, timers.queue.name, requests, setAt),
};
const onPostgres: Substrate = {
  timers: pgTimers,
  workerEnv: { ...workerEnv, BENCH_PREFIX: pgPrefix, BENCH_TIMERS_BACKEND: 'postgres' },
  async dueJobs() {
    const q = pgTimers.queue.name;
    const r = await sql<{ n: string }>`select count(*) as n from bullmq.job where queue = ${q} and (state in ('waiting', 'active') or (state = 'delayed' and process_at_ms <= ${Date.now()}))`.execute(
      db,
    );
    return Number(r.rows[0]?.n ?? 0);
  },
  async offsets(requests, setAt) {
    const idOf = (r: TimerRequest) => instantJobId(instantOf(r.at.getTime(), setAt));
    const rows = await sql<{
      id: string;
      at: string;
    }>`select id, process_at_ms as at from bullmq.job where queue = ${pgTimers.queue.name} and id = any(${[...new Set(requests.map(idOf))]}::text[])`.execute(db);
    const fireAt = new Map(rows.rows.map((r) => [r.id, Number(r.at)]));
    return requests.flatMap((r) => {
      const at = fireAt.get(idOf(r));
      return at === undefined ? [] : [at - r.at.getTime()];
    });
  },
};
/** Bytes of BullMQ's job table (with its indexes and TOAST), for the PostgreSQL backend. */
const jobTableBytes = async () => Number((await sql<{ b: string }>`select pg_total_relation_size('bullmq.job') as b`.execute(db)).rows[0]?.b ?? 0);
let running: ClockWorkers | null = null;
try {
  const m = await migrateToLatest(db);
  if (m.error) throw m.error;
  const loadAtStart = loadavg();
  const withStatements = await statementsAvailable(db);

  progress(`raw two-insert transactions, 32 in flight, ${SECONDS} s`);
  const raw = await rawTwoInsertRate(databaseUrl, SECONDS);

  progress(`${OPEN_ISSUES} open issues in bulk SQL`);
  const loadStarted = performance.now();
  const deps = { db, calendar: createWorkingCalendar(), clock: () => new Date() };
  const district = await seedDistrict(db, Math.max(50, Math.min(2000, Math.round(OPEN_ISSUES / 50))));
  const templates = await templateIssues(deps, district);
  const clocks = await loadOpenIssues(db, district, templates, OPEN_ISSUES, AWAITING_SHARE, 5 * 86_400);
  const loadSeconds = (performance.now() - loadStarted) / 1000;

  progress(`bare BullMQ: ${clocks} delayed jobs for their bytes`);
  const bareMem = await bareBytes(bare, clocks);

  progress(`Huiyin: setting ${clocks} timers with reconcileTimers`);
  const before = await usedMemory(redis);
  let t = performance.now();
  const firstCount = await reconcileTimers(db, timers);
  const firstSetSeconds = (performance.now() - t) / 1000;
  const infoBytes = (await usedMemory(redis)) - before;
  const huiyinMem = await bytesUnder(redis, prefix, timers.queue.name);

  progress('Huiyin: deleting the prefix keys and rebuilding');
  const deletedKeys = await deleteKeysUnder(redis, prefix);
  t = performance.now();
  const rebuilt = await reconcileTimers(db, timers);
  const rebuildSeconds = (performance.now() - t) / 1000;
  const delayedAfterRebuild = await timers.queue.getDelayedCount();

  progress(`bare BullMQ: lateness of ${SPREAD} jobs over ${WINDOW_SECONDS} s, then a burst of ${BURST}`);
  const bareLate = await bareLateness(bare, SPREAD, WINDOW_SECONDS * 1000, 2000);
  const bareBurstLead = 2000 + Math.ceil((BURST / bareMem.addPerSecond) * 1500);
  const bareAtOnce = await bareBurst(bare, BURST, bareBurstLead, BURST_TIMEOUT_SECONDS * 1000);

  const ids = await runningClockIds(db);
  const slice = (from: number, count: number) => Array.from({ length: count }, (_, i) => ids[(from + i) % ids.length] ?? '');
  /** Arms `count` clocks from `from` (at `dueAt`), with `workers` processes running, and waits for their steps. */
  const phase = async (workers: number, from: number, count: number, dueAt: (i: number, start: number) => number, leadMs: number, timeoutMs: number, on: Substrate = onRedis): Promise<Phase> => {
    const { timers } = on;
    running = await startClockWorkers(workers, on.workerEnv);
    const pids = running.pids;
    const mark = await lastEventId(db);
    const start = Date.now() + leadMs;
    const requests = await armClocks(db, slice(from, count), (i) => new Date(dueAt(i, start)));
    const setAt = Date.now();
    await timers.schedule(requests);
    const armedLateMs = Math.max(0, Date.now() - start);
    const setLate = spreadOf(await on.offsets(requests, setAt));
    await sleep(Math.max(0, start - Date.now()));
    if (withStatements) await resetStatements(db);
    const cpuFrom = sampleCpu();
    const steps = await waitForSteps(db, mark, count, timeoutMs);
    // Helper drains and drains whose steps another drain took still run: wait for them too, so they do
    // not spill into the next phase, and report when the queue had nothing due left.
    const jobsDone = steps.timedOut ? null : await untilNoDueJobs(on, timeoutMs);
    const cpu = cpuBetween(cpuFrom, sampleCpu(), { 'clock workers': pids, postgres: /^postgres$/, redis: /^redis-server/, 'bench main': [process.pid] });
    const server = withStatements ? await topStatements(db, 8) : null;
    const all = await running.stop();
    running = null;
    const pickup = spreadOf(all.flatMap((w) => w.pickupMs));
    const figures = all.map(({ pickupMs: _, ...w }) => w);
    // An unfinished burst must not spill into the next phase: its jobs still waiting go.
    if (steps.timedOut) await timers.queue.drain(false);
    // From the (first) due time until the last step was applied.
    const seconds = ((steps.last?.getTime() ?? Date.now()) - start) / 1000;
    return {
      workers,
      armed: requests.length,
      applied: steps.applied,
      timedOut: steps.timedOut,
      seconds,
      jobsDoneSeconds: jobsDone === null ? null : (jobsDone - start) / 1000,
      perSecond: steps.applied / seconds,
      lateness: spreadOf(steps.lateMs),
      pickup,
      setLate,
      armedLateMs,
      figures,
      cpu,
      server,
    };
  };

  /** Waits until no job of the queue is waiting, active or due in delayed; returns when (ms since the epoch). */
  const untilNoDueJobs = async (on: Substrate, timeoutMs: number): Promise<number | null> => {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if ((await on.dueJobs()) === 0) return Date.now();
      await sleep(100);
    }
    return null;
  };

  progress(`Huiyin: lateness of ${SPREAD} timers over ${WINDOW_SECONDS} s, one worker process`);
  const spread = await phase(1, 0, SPREAD, (_, start) => start + Math.floor(Math.random() * WINDOW_SECONDS * 1000), 2000, (WINDOW_SECONDS + 120) * 1000);
  // Arming and setting the burst's timers must end before it falls due: lead by twice the rebuild's pace.
  const burstLead = 3000 + Math.ceil((BURST / (rebuilt / rebuildSeconds)) * 2000);
  progress(`Huiyin: close-of-day burst of ${BURST}, one worker process`);
  const burst1 = await phase(1, SPREAD, BURST, (_, start) => start, burstLead, BURST_TIMEOUT_SECONDS * 1000);
  progress(`Huiyin: close-of-day burst of ${BURST}, two worker processes`);
  const burst2 = await phase(2, SPREAD + BURST, BURST, (_, start) => start, burstLead, BURST_TIMEOUT_SECONDS * 1000);

  progress(`PostgreSQL backend: setting ${clocks} timers, then rebuilding them after deleting the rows`);
  t = performance.now();
  const pgFirst = await reconcileTimers(db, pgTimers);
  const pgFirstSeconds = (performance.now() - t) / 1000;
  const pgBytes = await jobTableBytes();
  const pgDeleted = Number((await sql`delete from bullmq.job where queue = ${pgTimers.queue.name}`.execute(db)).numAffectedRows ?? 0);
  t = performance.now();
  const pgRebuilt = await reconcileTimers(db, pgTimers);
  const pgRebuildSeconds = (performance.now() - t) / 1000;
  progress(`bare BullMQ on PostgreSQL: lateness of ${SPREAD} jobs over ${WINDOW_SECONDS} s, then a burst of ${BURST}`);
  const barePgLate = await bareLateness(barePg, SPREAD, WINDOW_SECONDS * 1000, 2000);
  const pgLead = 3000 + Math.ceil((BURST / (pgRebuilt / pgRebuildSeconds)) * 2000);
  const barePgBurst = await bareBurst(barePg, BURST, pgLead, BURST_TIMEOUT_SECONDS * 1000);
  progress(`PostgreSQL backend: lateness of ${SPREAD} timers over ${WINDOW_SECONDS} s, then a burst of ${BURST}, one worker process`);
  const pgSpread = await phase(1, SPREAD + 2 * BURST, SPREAD, (_, start) => start + Math.floor(Math.random() * WINDOW_SECONDS * 1000), 2000, (WINDOW_SECONDS + 120) * 1000, onPostgres);
  const pgBurst = await phase(1, 2 * SPREAD + 2 * BURST, BURST, (_, start) => start, pgLead, BURST_TIMEOUT_SECONDS * 1000, onPostgres);
  const loadAtEnd = loadavg();

  const bytesPerIssue = huiyinMem.bytes / OPEN_ISSUES;
  const result = {
    machine: { node: process.version, cpus: cpus().length, when: new Date().toISOString(), loadavgAtStart: loadAtStart, loadavgAtEnd: loadAtEnd },
    knobs: { SECONDS, OPEN_ISSUES, BURST, WINDOW_SECONDS, SPREAD_RATE, SPREAD, AWAITING_SHARE, BURST_TIMEOUT_SECONDS },
    load: { openIssues: OPEN_ISSUES, runningClocks: clocks, seconds: loadSeconds },
    rawTwoInsertTx: raw,
    bare: { bytes: bareMem, lateness: bareLate, burst: bareAtOnce },
    postgres: {
      bare: { lateness: barePgLate, burst: barePgBurst },
      firstSet: { timers: pgFirst, seconds: pgFirstSeconds, jobTableBytes: pgBytes },
      rebuild: { deletedRows: pgDeleted, timers: pgRebuilt, seconds: pgRebuildSeconds },
      spread: pgSpread,
      burstOneWorker: pgBurst,
    },
    huiyin: {
      bytes: { perOpenIssue: bytesPerIssue, perTimer: huiyinMem.bytes / firstCount, timersPerOpenIssue: firstCount / OPEN_ISSUES, infoBytesPerOpenIssue: infoBytes / OPEN_ISSUES, keys: huiyinMem },
      firstSet: { timers: firstCount, seconds: firstSetSeconds },
      rebuild: { deletedKeys, timers: rebuilt, delayedAfter: delayedAfterRebuild, seconds: rebuildSeconds },
      spread,
      burstOneWorker: burst1,
      burstTwoWorkers: burst2,
    },
    ratios: {
      escalationsVsRawOneWorker: burst1.perSecond / raw.perSecond,
      escalationsVsRawTwoWorkers: burst2.perSecond / raw.perSecond,
      bytesPerOpenIssueVsBareJob: bytesPerIssue / bareMem.bytesPerJob,
      rebuildVsBareAdd: rebuildSeconds / bareMem.addSeconds,
      burstVsBare: burst1.seconds / bareAtOnce.seconds,
    },
  };
  console.log(report(result));
  await mkdir('bench/results', { recursive: true });
  await writeFile(`bench/results/timers-${Date.now()}.json`, JSON.stringify(result, null, 2));
} finally {
  (running as ClockWorkers | null)?.kill();
  await timers.queue.obliterate({ force: true }).catch(() => undefined);
  await deleteKeysUnder(redis, prefix).catch(() => undefined);
  await deleteKeysUnder(redis, bareprefix).catch(() => undefined);
  await timers.close();
  await pgTimers.close();
  await Promise.all([backend, pgBackend, bare, barePg].map((b) => b.close()));
  await db.destroy();
  await dropDatabase(databaseUrl);
}

type Result = {
  machine: { cpus: number; loadavgAtStart: number[]; loadavgAtEnd: number[] };
  load: { openIssues: number; runningClocks: number; seconds: number };
  rawTwoInsertTx: { perSecond: number; p50Ms: number; p99Ms: number };
  bare: {
    bytes: { jobs: number; bytesPerJob: number; infoBytesPerJob: number; addSeconds: number; keys: RedisBytes };
    lateness: Spread & { jobs: number };
    burst: { jobs: number; done: number; seconds: number; perSecond: number; lateness: Spread };
  };
  huiyin: {
    bytes: { perOpenIssue: number; perTimer: number; timersPerOpenIssue: number; infoBytesPerOpenIssue: number; keys: RedisBytes };
    firstSet: { timers: number; seconds: number };
    rebuild: { timers: number; delayedAfter: number; seconds: number };
    spread: Phase;
    burstOneWorker: Phase;
    burstTwoWorkers: Phase;
  };
  postgres: {
    bare: { lateness: Spread & { jobs: number }; burst: { jobs: number; done: number; seconds: number; perSecond: number; lateness: Spread } };
    firstSet: { timers: number; seconds: number; jobTableBytes: number };
    rebuild: { deletedRows: number; timers: number; seconds: number };
    spread: Phase;
    burstOneWorker: Phase;
  };
  ratios: { escalationsVsRawOneWorker: number; escalationsVsRawTwoWorkers: number; bytesPerOpenIssueVsBareJob: number; rebuildVsBareAdd: number; burstVsBare: number };
};

function report(r: Result): string {
  const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
  const f1 = (n: number) => n.toFixed(1);
  const f2 = (n: number) => n.toFixed(2);
  const ok = (met: boolean) => (met ? 'met' : 'MISSED');
  // The issue states these two for 100 000 open issues and a burst of 50 000; other sizes only show the figure.
  const atSize = (size: number, issueSize: number, met: boolean) => (size === issueSize ? ok(met) : `n/a at ${f0(size)}`);
  const late = (s: Spread) => `${f0(s.p50)} / ${f0(s.p99)} / ${f0(s.max)}`;
  const h = r.huiyin;
  const burst = (p: Phase) => `${f1(p.seconds)} s${p.timedOut ? ` (${f0(p.applied)} of ${f0(p.armed)} applied, stopped)` : ''}`;
  const rows: Array<[string, string, string, string, string, string]> = [
    [
      'timer lateness p50 / p99 / max, ms (spread load, 1 worker)',
      late(h.spread.lateness),
      `${late(r.bare.lateness)} (bare)`,
      '—',
      `p99 ≤ ${TARGETS.lateP99Ms}, max ≤ ${TARGETS.lateMaxMs}`,
      ok(h.spread.lateness.p99 <= TARGETS.lateP99Ms && h.spread.lateness.max <= TARGETS.lateMaxMs && !h.spread.timedOut),
    ],
    [
      'escalations per second, 1 worker process (burst drain)',
      f0(h.burstOneWorker.perSecond),
      `${f0(r.rawTwoInsertTx.perSecond)} raw tx/s`,
      f2(r.ratios.escalationsVsRawOneWorker),
      `≥ ${TARGETS.escalationsVsRaw}`,
      ok(r.ratios.escalationsVsRawOneWorker >= TARGETS.escalationsVsRaw),
    ],
    [
      'escalations per second, 2 worker processes',
      f0(h.burstTwoWorkers.perSecond),
      `${f0(r.rawTwoInsertTx.perSecond)} raw tx/s`,
      f2(r.ratios.escalationsVsRawTwoWorkers),
      `≥ ${TARGETS.escalationsVsRaw}`,
      ok(r.ratios.escalationsVsRawTwoWorkers >= TARGETS.escalationsVsRaw),
    ],
    [
      `Redis bytes per open issue (${f2(h.bytes.timersPerOpenIssue)} timers each)`,
      f0(h.bytes.perOpenIssue),
      `${f0(r.bare.bytes.bytesPerJob)} per bare job`,
      f2(r.ratios.bytesPerOpenIssueVsBareJob),
      `≤ ${TARGETS.bytesVsBare}`,
      ok(r.ratios.bytesPerOpenIssueVsBareJob <= TARGETS.bytesVsBare),
    ],
    [
      `Redis memory for every timer of ${f0(r.load.openIssues)} open issues (${f0(r.load.runningClocks)} running clocks), MiB`,
      f1(h.bytes.keys.bytes / 2 ** 20),
      `${f1((r.bare.bytes.bytesPerJob * r.load.runningClocks) / 2 ** 20)} as bare jobs`,
      f2(h.bytes.keys.bytes / (r.bare.bytes.bytesPerJob * r.load.runningClocks)),
      '≤ 1.5 GB at 1 000 000',
      atSize(r.load.openIssues, 1_000_000, h.bytes.keys.bytes <= TARGETS.redisBytesAtMillion),
    ],
    [
      `rebuild every timer after deleting the keys (${f0(h.rebuild.timers)} jobs for ${f0(r.load.runningClocks)} clocks), s`,
      f1(h.rebuild.seconds),
      `${f1(r.bare.bytes.addSeconds)} s bare add`,
      f2(r.ratios.rebuildVsBareAdd),
      `≤ ${TARGETS.rebuildSeconds} s at 100 000, ≤ ${TARGETS.rebuildSecondsAtMillion} s at 1 000 000`,
      r.load.openIssues === 1_000_000
        ? ok(h.rebuild.seconds <= TARGETS.rebuildSecondsAtMillion && h.rebuild.delayedAfter >= h.rebuild.timers)
        : atSize(r.load.openIssues, 100_000, h.rebuild.seconds <= TARGETS.rebuildSeconds && h.rebuild.delayedAfter >= h.rebuild.timers),
    ],
    [
      `close-of-day burst of ${f0(h.burstOneWorker.armed)}: last applied, 1 worker`,
      burst(h.burstOneWorker),
      `${f1(r.bare.burst.seconds)} s bare`,
      f2(r.ratios.burstVsBare),
      `≤ ${TARGETS.burstSeconds} s`,
      atSize(h.burstOneWorker.armed, 50_000, !h.burstOneWorker.timedOut && h.burstOneWorker.seconds <= TARGETS.burstSeconds),
    ],
    [
      `close-of-day burst of ${f0(h.burstTwoWorkers.armed)}: last applied, 2 workers`,
      burst(h.burstTwoWorkers),
      `${f1(r.bare.burst.seconds)} s bare`,
      f2(h.burstTwoWorkers.seconds / r.bare.burst.seconds),
      `≤ ${TARGETS.burstSeconds} s`,
      atSize(h.burstTwoWorkers.armed, 50_000, !h.burstTwoWorkers.timedOut && h.burstTwoWorkers.seconds <= TARGETS.burstSeconds),
    ],
    [
      'burst: 2 workers ÷ 1 worker, last applied',
      f2(h.burstTwoWorkers.seconds / h.burstOneWorker.seconds),
      '—',
      '—',
      '< 1',
      ok(h.burstTwoWorkers.seconds < h.burstOneWorker.seconds && !h.burstTwoWorkers.timedOut),
    ],
  ];
  // The PostgreSQL backend (TIMERS_BACKEND=postgres), against bare BullMQ on the same backend.
  const pg = r.postgres;
  rows.push(
    [
      'PostgreSQL backend: timer lateness p50 / p99 / max, ms (spread, 1 worker)',
      late(pg.spread.lateness),
      `${late(pg.bare.lateness)} (bare)`,
      '—',
      `p99 ≤ ${TARGETS.lateP99Ms}, max ≤ ${TARGETS.lateMaxMs}`,
      ok(pg.spread.lateness.p99 <= TARGETS.lateP99Ms && pg.spread.lateness.max <= TARGETS.lateMaxMs && !pg.spread.timedOut),
    ],
    [
      `PostgreSQL backend: rebuild every timer (${f0(pg.rebuild.timers)} jobs), s`,
      f1(pg.rebuild.seconds),
      `${f1(h.rebuild.seconds)} s on Redis`,
      f2(pg.rebuild.seconds / h.rebuild.seconds),
      `≤ ${TARGETS.rebuildSeconds} s at 100 000, ≤ ${TARGETS.rebuildSecondsAtMillion} s at 1 000 000`,
      r.load.openIssues === 1_000_000 ? ok(pg.rebuild.seconds <= TARGETS.rebuildSecondsAtMillion) : atSize(r.load.openIssues, 100_000, pg.rebuild.seconds <= TARGETS.rebuildSeconds),
    ],
    [
      `PostgreSQL backend: burst of ${f0(pg.burstOneWorker.armed)}, last applied, 1 worker`,
      burst(pg.burstOneWorker),
      `${f1(pg.bare.burst.seconds)} s bare`,
      f2(pg.burstOneWorker.seconds / pg.bare.burst.seconds),
      `≤ ${TARGETS.pgBurstSeconds} s`,
      atSize(pg.burstOneWorker.armed, 50_000, !pg.burstOneWorker.timedOut && pg.burstOneWorker.seconds <= TARGETS.pgBurstSeconds),
    ],
  );
  const widths = [0, 1, 2, 3, 4, 5].map((i) => Math.max(...rows.map((row) => row[i]?.length ?? 0), ['measure', 'Huiyin', 'substrate (same run)', 'ratio', 'target', ''][i]?.length ?? 0));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const table = [
    line(['measure', 'Huiyin', 'substrate (same run)', 'ratio', 'target', '']),
    `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');

  const where = (name: string, p: Phase) => {
    const jobs = p.figures.reduce((n, w) => n + w.jobs, 0) || 1;
    // Steps applied, by a drain or by the catch-up: the unit of cost.
    const steps = p.figures.reduce((n, w) => n + (w.outcomes['applied'] ?? 0) + (w.outcomes['caughtUp'] ?? 0), 0) || 1;
    const handler = p.figures.reduce((n, w) => n + w.handlerMs, 0);
    const schedule = p.figures.reduce((n, w) => n + w.scheduleMs, 0);
    const statements = new Map<string, { count: number; ms: number }>();
    for (const w of p.figures) {
      for (const [sql, s] of Object.entries(w.statements)) {
        const m = statements.get(sql) ?? { count: 0, ms: 0 };
        statements.set(sql, { count: m.count + s.count, ms: m.ms + s.ms });
      }
    }
    const sqlMs = [...statements.values()].reduce((n, s) => n + s.ms, 0);
    const outcomes = Object.entries(
      p.figures.reduce<Record<string, number>>((o, w) => {
        for (const [k, v] of Object.entries(w.outcomes)) o[k] = (o[k] ?? 0) + v;
        return o;
      }, {}),
    )
      .map(([k, v]) => `${k} ${f0(v)}`)
      .join(', ');
    const failed = p.figures.reduce((n, w) => n + w.failed, 0);
    const top = [...statements.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6);
    const cpu = p.cpu
      ? Object.entries(p.cpu.cores)
          .map(([k, v]) => `${k} ${f2(v)}`)
          .join(', ')
      : '';
    return [
      `${name}: ${outcomes}${p.jobsDoneSeconds === null ? '' : `; every job done (helpers and drains that found nothing too) ${f1(p.jobsDoneSeconds)} s after the due time`}${failed ? `, ${failed} failed (${p.figures.find((w) => w.firstError)?.firstError})` : ''}${p.armedLateMs ? `; armed ${f0(p.armedLateMs)} ms after its due time` : ''}`,
      `  lateness p50/p99/max, ms: set to fire late by schedule() (timestamp + delay − due) ${late(p.setLate)}; at pickup by the worker (handler start − due) ${late(p.pickup)}; at the step (lateMs, after the locks) ${late(p.lateness)}`,
      `  per applied step (ms, summed over ${f0(jobs)} jobs ÷ ${f0(steps)} steps; a job's handler time overlaps others'): runTimerJob ${f2(handler / steps)} = SQL on the connection ${f2(sqlMs / steps)} + setting the next timers ${f2(schedule / steps)} + pool waits and JS ${f2((handler - sqlMs - schedule) / steps)}`,
      `  CPU, cores in use (machine ${p.cpu ? f2(p.cpu.machineCores) : '?'} of ${r.machine.cpus}): ${cpu}; worker process CPU per applied step ${f2(p.figures.reduce((n, w) => n + w.cpuMs, 0) / steps)} ms`,
      ...top.map(([sql, s]) => `  ${f2(s.ms / steps).padStart(6)} ms/step  ${(s.count / steps).toFixed(2)}×  ${sql}`),
      p.server
        ? `  PostgreSQL's own execution time (pg_stat_statements, all sessions), ${f2(p.server.reduce((n, x) => n + x.ms, 0) / steps)} ms per applied step in these:`
        : "  (PostgreSQL's own time per statement: load pg_stat_statements through shared_preload_libraries)",
      ...(p.server ?? []).map((x) => `  ${f2(x.ms / steps).padStart(6)} ms/step  ${f2(x.rows / steps).padStart(5)} rows/step  ${x.query}`),
    ].join('\n');
  };
  const encodings = (b: RedisBytes) =>
    Object.entries(b.byKind['job']?.encodings ?? {})
      .map(([e, n]) => `${f0(n)} ${e}`)
      .join(', ');
  const kinds = Object.entries(h.bytes.keys.byKind)
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .map(([k, v]) => `${k} ${f0(v.bytes / r.load.openIssues)}`)
    .join(', ');
  return `
Huiyin timers: ${f0(r.load.openIssues)} open issues, ${f0(r.load.runningClocks)} running clocks (bulk load ${f1(r.load.seconds)} s); worker processes are separate Node processes (bench/clock-worker-process.ts), concurrency 16, pool 10 each.
Load average at start ${r.machine.loadavgAtStart.map(f2).join(' ')}, at end ${r.machine.loadavgAtEnd.map(f2).join(' ')} (${r.machine.cpus} CPUs).

${table}

raw two-insert transaction, 32 in flight: ${f0(r.rawTwoInsertTx.perSecond)}/s, p50 ${f1(r.rawTwoInsertTx.p50Ms)} ms, p99 ${f1(r.rawTwoInsertTx.p99Ms)} ms
bare BullMQ: ${f0(r.bare.bytes.bytesPerJob)} B/job by MEMORY USAGE (${f0(r.bare.bytes.infoBytesPerJob)} by INFO used_memory delta); lateness of ${f0(r.bare.lateness.jobs)} over the window p50/p99/max ${late(r.bare.lateness)} ms; burst of ${f0(r.bare.burst.jobs)}: ${f1(r.bare.burst.seconds)} s, ${f0(r.bare.burst.perSecond)}/s, lateness p99 ${f0(r.bare.burst.lateness.p99)} ms
Huiyin Redis bytes: ${f0(h.bytes.perTimer)} per timer, ${f0(h.bytes.perOpenIssue)} per open issue (${f0(h.bytes.infoBytesPerOpenIssue)} by INFO delta); per open issue by key: ${kinds}
Job hash encodings: Huiyin ${encodings(h.bytes.keys)}; bare ${encodings(r.bare.bytes.keys)} (hash-max-listpack-value is 64 bytes by default)
Huiyin first set of ${f0(h.firstSet.timers)} timers by reconcileTimers: ${f1(h.firstSet.seconds)} s; rebuild after deleting the keys: ${f1(h.rebuild.seconds)} s, ${f0(h.rebuild.delayedAfter)} delayed jobs after

Where the time goes
${where(`spread load, ${h.spread.workers} worker`, h.spread)}
${where(`burst, ${h.burstOneWorker.workers} worker`, h.burstOneWorker)}
${where(`burst, ${h.burstTwoWorkers.workers} workers`, h.burstTwoWorkers)}
${where(`PostgreSQL backend, burst, ${pg.burstOneWorker.workers} worker`, pg.burstOneWorker)}

PostgreSQL backend: first set of ${f0(pg.firstSet.timers)} timers ${f1(pg.firstSet.seconds)} s; BullMQ's job table then ${f0(pg.firstSet.jobTableBytes / 1024 / 1024)} MiB with its indexes (${f0(pg.firstSet.jobTableBytes / Math.max(1, pg.firstSet.timers))} B per timer); bare burst of ${f0(pg.bare.burst.jobs)}: ${f1(pg.bare.burst.seconds)} s, ${f0(pg.bare.burst.perSecond)}/s`;
}
