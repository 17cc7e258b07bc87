/**
 * `pnpm bench filing`: filing through the HTTP API of real API processes (services/api, as
 * `pnpm start` runs it), loaded from this process over loopback, against the raw substrate
 * measured in the same run: a two-insert transaction from node-postgres, 32 in flight.
 * - peak: autocannon, 32 connections flat out, on an empty table;
 * - latency at half the peak rate: an open-loop client paced at even intervals;
 * - the peak with BENCH_BULK_ROWS issues in the table: a second database and API process, loaded
 *   in bulk SQL, measured in rounds alternating with the empty one, so that the machine's drift
 *   during the run falls on both alike.
 * Prints a table, writes JSON under bench/results/.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createDb, dropDatabase, ensureDatabase, migrateToLatest, type Db } from '@huiyin/store';
import { freePort } from '../test/drills/support/rig.ts';
import { spawnService, type ServiceProcess } from '../test/support/service-process.ts';
import { cpuBetween, sampleCpu } from './support/cpu-sample.ts';
import { createFilingDistrict, type FilingDistrict } from './support/filing-district.ts';
import { pacedLoad } from './support/paced-load.ts';
import { rawTwoInsertRate } from './support/raw-two-insert.ts';

const CONCURRENCY = 32;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const BULK_ROWS = Number(process.env['BENCH_BULK_ROWS'] ?? 1_000_000);
/** Alternating rounds of empty and bulk for the comparison, each BENCH_SECONDS long. */
const ROUNDS = Number(process.env['BENCH_FILING_ROUNDS'] ?? 3);
const PROFILE = process.env['BENCH_CPU_PROF'] === '1' ? `bench/results/filing-api-${Date.now()}.cpuprofile` : null;
const run = Date.now().toString(36);
const progress = (msg: string) => console.error(`[filing ${new Date().toISOString().slice(11, 19)}] ${msg}`);

type Load = {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  count: number;
  non2xx: number;
  errors: number;
  apiCores: number;
  pgCores: number;
  otherCores: number;
  cpuMsPerFiling: { api: number; postgres: number };
};
type Target = { name: string; url: string; databaseUrl: string; db: Db; api: ServiceProcess; token: string; body: string; district: FilingDistrict };

const urlOf = (name: string) => {
  const base = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/huiyin');
  base.pathname = `/huiyin_bench_${name}_${run}`;
  return base.toString();
};

/** A database of its own with the district, and the API as `pnpm start` runs it (warnings only in its log) on it. */
async function openTarget(name: string, profile: string | null): Promise<Target> {
  const databaseUrl = urlOf(name);
  await ensureDatabase(databaseUrl);
  const db = createDb(databaseUrl, { max: 4 });
  const m = await migrateToLatest(db);
  if (m.error) throw m.error;
  const district = await createFilingDistrict(db, { contact: true });
  const port = await freePort();
  const api = spawnService('services/api/src/main.ts', `bench-api-${name}`, {
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: `huiyin_bench_${name}_${run}`,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    LOGIN_RATE_PER_MINUTE: '1000',
    // A V8 CPU profile of the API process, written on SIGUSR2 before it stops.
    ...(profile ? { NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import ./bench/support/cpu-profile-preload.mjs`.trim(), BENCH_CPU_PROF_FILE: profile } : {}),
  });
  const url = `http://127.0.0.1:${port}`;
  for (
    let i = 0;
    !(await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  ) {
    if (i > 300) throw new Error(`the API (${name}) did not start in 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'bench', password: 'bench-password' }) });
  const { token } = (await login.json()) as { token: string };
  const body = JSON.stringify({ categoryId: district.categoryId, title: '基准测试诉求', description: '通过 HTTP 接口提交，含事务、台账、发件箱。' });
  return { name, url, databaseUrl, db, api, token, body, district };
}

async function closeTarget(t: Target): Promise<void> {
  await t.api.stop(5_000);
  await t.db.destroy();
  await dropDatabase(t.databaseUrl);
}

/** Filings for `seconds`: from autocannon with 32 connections flat out, or paced at `rate` per second (open loop). */
async function load(t: Target, seconds: number, rate?: number): Promise<Load> {
  // Each phase starts from a checkpoint, so none pays for the dirty pages of the one before
  // (above all the bulk load's, flushed while the next phase runs otherwise).
  await sql`checkpoint`.execute(t.db);
  // Each request a key of its own, as a client that retries safely sends.
  const headers = () => ({ authorization: `Bearer ${t.token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() });
  const before = sampleCpu();
  const r = rate
    ? await pacedLoad(t.url, { rate, seconds, connections: CONCURRENCY, method: 'POST', path: '/api/v1/issues', headers, body: t.body })
    : await autocannon({
        url: t.url,
        connections: CONCURRENCY,
        duration: seconds,
        timeout: 10,
        requests: [{ method: 'POST', path: '/api/v1/issues', setupRequest: (req) => ({ ...req, headers: headers(), body: t.body }) }],
      }).then((a) => ({ perSecond: a.requests.total / a.duration, p50Ms: a.latency.p50, p99Ms: a.latency.p99, count: a.requests.total - a.non2xx, non2xx: a.non2xx, errors: a.errors + a.timeouts }));
  const share = cpuBetween(before, sampleCpu(), { api: [t.api.pid], postgres: /^postgres$/ });
  const cores = (k: string) => share.cores[k] ?? 0;
  return {
    ...r,
    apiCores: cores('api'),
    pgCores: cores('postgres'),
    otherCores: cores('other'),
    cpuMsPerFiling: { api: (cores('api') * 1000) / r.perSecond, postgres: (cores('postgres') * 1000) / r.perSecond },
  };
}

/** BULK_ROWS closed issues of an earlier year, written in bulk SQL (not through the API), then vacuumed and analysed. */
async function loadBulk(t: Target, snapshot: unknown): Promise<number> {
  const started = performance.now();
  const d = t.district;
  await sql`
    insert into issues (number, enterprise_id, category_id, title, description, channel, filed_by, state, stage, status_note, snapshot, version, green_channel, expected_due_at, filed_at, updated_at, closed_at)
    select '2020-' || lpad(g::text, 7, '0'), ${d.enterpriseId}, ${d.categoryId}, '历史诉求 ' || g, '批量生成', 'portal', ${d.accountId}, 'closed', 'closed', '已办结销号。',
           ${JSON.stringify(snapshot)}::jsonb, 8, false, now() - interval '300 days', now() - (g || ' seconds')::interval, now(), now()
    from generate_series(1, ${BULK_ROWS}) g`.execute(t.db);
  await sql`vacuum analyze issues`.execute(t.db);
  return (performance.now() - started) / 1000;
}

const sum = (loads: Array<{ perSecond: number }>) => loads.reduce((n, l) => n + l.perSecond, 0);
const loadStart = loadavg();
const empty = await openTarget('empty', PROFILE);
let bulk: Target | null = null;
try {
  // The substrate: a two-insert transaction from node-postgres at the same concurrency, on the same server.
  progress('raw two-insert transactions');
  const raw = await rawTwoInsertRate(empty.databaseUrl, SECONDS, CONCURRENCY);
  // Warm the JIT and the pools first, so the empty-table figure is not the start-up's.
  progress('warm-up');
  await load(empty, 3);
  progress('peak, empty table');
  const peak = await load(empty, SECONDS);
  const halfRate = Math.max(1, Math.round(peak.perSecond / 2));
  progress(`half the peak: ${halfRate}/s, paced`);
  const half = await load(empty, SECONDS, halfRate);

  progress(`a second database: loading ${BULK_ROWS} issues in bulk`);
  bulk = await openTarget('bulk', null);
  const snapshot = (await empty.db.selectFrom('issues').select('snapshot').limit(1).executeTakeFirstOrThrow()).snapshot;
  const bulkLoadSeconds = await loadBulk(bulk, snapshot);
  await load(bulk, 3);
  const rounds: Array<{ raw: typeof raw; empty: Load; bulk: Load }> = [];
  for (let i = 0; i < ROUNDS; i++) {
    progress(`round ${i + 1} of ${ROUNDS}: raw, empty, then ${BULK_ROWS} rows`);
    rounds.push({ raw: await rawTwoInsertRate(empty.databaseUrl, SECONDS, CONCURRENCY), empty: await load(empty, SECONDS), bulk: await load(bulk, SECONDS) });
  }
  const filed = await empty.db
    .selectFrom('issues')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const loadEnd = loadavg();

  const bulkVsEmpty = sum(rounds.map((r) => r.bulk)) / sum(rounds.map((r) => r.empty));
  // The machine's speed drifts within minutes, so
  // the ratio sums every raw measure and every empty-table peak, which alternate.
  const emptyVsRaw = sum([peak, ...rounds.map((r) => r.empty)]) / sum([raw, ...rounds.map((r) => r.raw)]);
  const result = {
    machine: { node: process.version, cpus: cpus().length, when: new Date().toISOString(), loadStart, loadEnd },
    seconds: SECONDS,
    concurrency: CONCURRENCY,
    client: 'autocannon (peak) and an open-loop paced client (half the peak), in the bench process; each API in its own process (services/api/src/main.ts, LOG_LEVEL=warn)',
    rawTwoInsertTx: raw,
    filingEmpty: peak,
    filingHalfPeak: { ...half, rate: halfRate },
    bulkRounds: rounds,
    bulkRows: BULK_ROWS,
    bulkLoadSeconds,
    issuesFiledOnTheEmptyTable: Number(filed.n),
    ratios: { filingEmptyVsRaw: emptyVsRaw, firstPeakVsRaw: peak.perSecond / raw.perSecond, filingBulkVsEmpty: bulkVsEmpty },
  };
  const f = (n: number) => n.toFixed(1);
  const row = (name: string, r: { perSecond: number; p50Ms: number; p99Ms: number }, extra = '') =>
    `| ${name.padEnd(50)} | ${f(r.perSecond).padStart(8)} | ${f(r.p50Ms).padStart(6)} | ${f(r.p99Ms).padStart(6)} | ${extra}`;
  const cpu = (l: Load) => `API ${l.cpuMsPerFiling.api.toFixed(2)} + PostgreSQL ${l.cpuMsPerFiling.postgres.toFixed(2)} ms CPU per filing; non-2xx ${l.non2xx}, errors ${l.errors}`;
  console.log(`
load average ${loadStart.map((x) => x.toFixed(1)).join(' ')} → ${loadEnd.map((x) => x.toFixed(1)).join(' ')}; ${SECONDS} s each; ${CONCURRENCY} connections

| measure                                            | per s    | p50 ms | p99 ms | |
|----------------------------------------------------|---------:|-------:|-------:|---|
${row('raw two-insert transaction (node-postgres)', raw)}
${row('filing via HTTP, empty table, peak', peak, cpu(peak))}
${row(`filing via HTTP, paced at half the peak (${halfRate}/s)`, half, cpu(half))}
${rounds.map((r, i) => `${row(`round ${i + 1}: raw two-insert transaction`, r.raw)}\n${row(`round ${i + 1}: empty table, peak`, r.empty, cpu(r.empty))}\n${row(`round ${i + 1}: ${BULK_ROWS} issues in the table, peak`, r.bulk, cpu(r.bulk))}`).join('\n')}

filing ÷ raw (empty):   ${result.ratios.filingEmptyVsRaw.toFixed(2)}   (sum of the ${ROUNDS + 1} empty-table peaks ÷ sum of the ${ROUNDS + 1} raw measures beside them; the first pair alone ${result.ratios.firstPeakVsRaw.toFixed(2)}; target ≥ 0.5)
p99 at half the peak:   ${f(half.p99Ms)} ms   (target ≤ 25 ms)
filing bulk ÷ empty:    ${bulkVsEmpty.toFixed(2)}   (sum of ${ROUNDS} alternating rounds each; target within 10 %; bulk load of ${BULK_ROWS} rows took ${f(bulkLoadSeconds)} s)
issues filed through the API on the empty table: ${result.issuesFiledOnTheEmptyTable}`);
  await mkdir('bench/results', { recursive: true });
  await writeFile(`bench/results/filing-${Date.now()}.json`, JSON.stringify(result, null, 2));
  if (PROFILE) {
    empty.api.kill('SIGUSR2');
    await new Promise((r) => setTimeout(r, 2_000));
    console.log(`API CPU profile: ${PROFILE}`);
  }
} finally {
  if (bulk) await closeTarget(bulk);
  await closeTarget(empty);
}
