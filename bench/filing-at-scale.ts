/**
 * `pnpm bench filing`: filing through the HTTP API of a real API process (services/api, as
 * `pnpm start` runs it), loaded from this process by autocannon over loopback, against the raw
 * substrate measured in the same run: a two-insert transaction from node-postgres, 32 in flight.
 * Peak rate with 32 connections, latency at half the peak rate (paced, open loop), and the peak again with
 * BENCH_BULK_ROWS issues in the table. Prints a table, writes JSON under bench/results/.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createDb, dropDatabase, ensureDatabase, hashPasswordForStore, migrateToLatest } from '@huiyin/store';
import { freePort } from '../test/drills/support/rig.ts';
import { spawnService } from '../test/support/service-process.ts';
import { cpuBetween, sampleCpu } from './support/cpu-sample.ts';
import { pacedLoad } from './support/paced-load.ts';
import { rawTwoInsertRate } from './support/raw-two-insert.ts';

const CONCURRENCY = 32;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const BULK_ROWS = Number(process.env['BENCH_BULK_ROWS'] ?? 1_000_000);
const PROFILE = process.env['BENCH_CPU_PROF'] === '1' ? `bench/results/filing-api-${Date.now()}.cpuprofile` : null;

const base = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/huiyin');
base.pathname = `/huiyin_bench_${Date.now().toString(36)}`;
const databaseUrl = base.toString();
const prefix = `huiyin_bench_${Date.now().toString(36)}`;
const progress = (msg: string) => console.error(`[filing ${new Date().toISOString().slice(11, 19)}] ${msg}`);

type Load = { perSecond: number; p50Ms: number; p99Ms: number; count: number; non2xx: number; errors: number; apiCores: number; pgCores: number; otherCores: number; cpuMsPerFiling: { api: number; postgres: number } };

await ensureDatabase(databaseUrl);
const db = createDb(databaseUrl, { max: 4 });
const loadStart = loadavg();
try {
  const m = await migrateToLatest(db);
  if (m.error) throw m.error;

  // The substrate: a two-insert transaction from node-postgres at the same concurrency.
  progress('raw two-insert transactions');
  const raw = await rawTwoInsertRate(databaseUrl, SECONDS, CONCURRENCY);

  // A minimal district: one category, one enterprise with an account, one dispatcher to notify.
  const hash = await hashPasswordForStore('bench-password');
  const ent = await db.insertInto('enterprises').values({ name: '基准企业', credit_code: '91410311MA44A1B2CG', is_key: true, industry: '大数据', address: '霁川区', contacts: JSON.stringify([{ name: '联系人', email: 'contact@bench.local' }]) }).returning('id').executeTakeFirstOrThrow();
  const account = await db.insertInto('accounts').values({ login: 'bench', password_hash: hash, enterprise_id: ent.id }).returning('id').executeTakeFirstOrThrow();
  const limit = (amount: number) => JSON.stringify({ amount, unit: 'workingDays' });
  const cat = await db.insertInto('categories').values({ code: 'bench', name: '基准', green_channel: false, claim_limit: limit(1), handling_limit: limit(10), supplement_limit: limit(5), rating_limit: limit(3), rating_timeout_outcome: 'close_unrated' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('officials').values({ name: '营商办', email: 'dispatcher@bench.local', roles: ['dispatcher'] }).execute();

  // The API as `pnpm start` runs it, in a process of its own; warnings only in its log.
  const port = await freePort();
  const api = spawnService('services/api/src/main.ts', 'bench-api', {
    DATABASE_URL: databaseUrl, REDIS_PREFIX: prefix, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', LOGIN_RATE_PER_MINUTE: '1000',
    // A V8 CPU profile of the API process, written on SIGUSR2 before it stops.
    ...(PROFILE ? { NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import ./bench/support/cpu-profile-preload.mjs`.trim(), BENCH_CPU_PROF_FILE: PROFILE } : {}),
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const up = await fetch(`${url}/openapi.json`).then((r) => r.ok, () => false);
    if (up) break;
    if (i > 300) throw new Error('the API did not start in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  try {
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'bench', password: 'bench-password' }) });
    const { token } = (await login.json()) as { token: string };
    const body = JSON.stringify({ categoryId: cat.id, title: '基准测试诉求', description: '通过 HTTP 接口提交，含事务、台账、发件箱。' });

    // Each request a key of its own, as a client that retries safely sends.
    const headers = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() });
    /** Filings for `seconds`: from autocannon with 32 connections flat out, or paced at `rate` per second (open loop). */
    const load = async (seconds: number, rate?: number): Promise<Load> => {
      const before = sampleCpu();
      const r = rate
        ? await pacedLoad(url, { rate, seconds, connections: CONCURRENCY, method: 'POST', path: '/api/v1/issues', headers, body })
        : await autocannon({
          url,
          connections: CONCURRENCY,
          duration: seconds,
          timeout: 10,
          requests: [{ method: 'POST', path: '/api/v1/issues', setupRequest: (req) => ({ ...req, headers: headers(), body }) }],
        }).then((a) => ({ perSecond: a.requests.total / a.duration, p50Ms: a.latency.p50, p99Ms: a.latency.p99, count: a.requests.total - a.non2xx, non2xx: a.non2xx, errors: a.errors + a.timeouts }));
      const share = cpuBetween(before, sampleCpu(), { api: [api.pid], postgres: /^postgres$/ });
      const perSecond = r.perSecond;
      const cores = (k: string) => share.cores[k] ?? 0;
      return {
        ...r,
        apiCores: cores('api'),
        pgCores: cores('postgres'),
        otherCores: cores('other'),
        cpuMsPerFiling: { api: (cores('api') * 1000) / perSecond, postgres: (cores('postgres') * 1000) / perSecond },
      };
    };
    // Warm the JIT and the pools first, so the empty-table figure is not the start-up's.
    progress('warm-up');
    await load(3);
    progress('peak, empty table');
    const empty = await load(SECONDS);
    progress(`half the peak: ${Math.round(empty.perSecond / 2)}/s`);
    const half = await load(SECONDS, Math.max(1, Math.round(empty.perSecond / 2)));

    // BULK_ROWS issues in the table, written in bulk (not through the API), in an earlier year.
    progress(`loading ${BULK_ROWS} issues in bulk`);
    const loadStarted = performance.now();
    const snapshot = (await db.selectFrom('issues').select('snapshot').limit(1).executeTakeFirstOrThrow()).snapshot;
    await sql`
      insert into issues (number, enterprise_id, category_id, title, description, channel, filed_by, state, stage, status_note, snapshot, version, green_channel, expected_due_at, filed_at, updated_at, closed_at)
      select '2020-' || lpad(g::text, 7, '0'), ${ent.id}, ${cat.id}, '历史诉求 ' || g, '批量生成', 'portal', ${account.id}, 'closed', 'closed', '已办结销号。',
             ${JSON.stringify(snapshot)}::jsonb, 8, false, now() - interval '300 days', now() - (g || ' seconds')::interval, now(), now()
      from generate_series(1, ${BULK_ROWS}) g`.execute(db);
    await sql`vacuum analyze issues`.execute(db);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    progress('peak, with the bulk rows');
    await load(2);
    const full = await load(SECONDS);
    const filed = await db.selectFrom('issues').select((eb) => eb.fn.countAll<string>().as('n')).where('closed_at', 'is', null).executeTakeFirstOrThrow();
    const loadEnd = loadavg();

    const result = {
      machine: { node: process.version, cpus: (await import('node:os')).cpus().length, when: new Date().toISOString(), loadStart, loadEnd },
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      client: 'autocannon in the bench process; the API in its own process (services/api/src/main.ts, LOG_LEVEL=warn)',
      rawTwoInsertTx: raw,
      filingEmpty: empty,
      filingHalfPeak: half,
      filingWithBulk: { ...full, bulkRows: BULK_ROWS, bulkLoadSeconds: loadSeconds },
      issuesFiled: Number(filed.n),
      ratios: {
        filingEmptyVsRaw: empty.perSecond / raw.perSecond,
        filingBulkVsRaw: full.perSecond / raw.perSecond,
        filingBulkVsEmpty: full.perSecond / empty.perSecond,
      },
    };
    const f = (n: number) => n.toFixed(1);
    const row = (name: string, r: { perSecond: number; p50Ms: number; p99Ms: number }, extra = '') =>
      `| ${name.padEnd(46)} | ${f(r.perSecond).padStart(8)} | ${f(r.p50Ms).padStart(6)} | ${f(r.p99Ms).padStart(6)} | ${extra}`;
    const cpu = (l: Load) => `API ${l.cpuMsPerFiling.api.toFixed(2)} ms + PostgreSQL ${l.cpuMsPerFiling.postgres.toFixed(2)} ms CPU per filing; non-2xx ${l.non2xx}, errors ${l.errors}`;
    console.log(`
load average ${loadStart.map((x) => x.toFixed(1)).join(' ')} → ${loadEnd.map((x) => x.toFixed(1)).join(' ')}; ${SECONDS} s each; ${CONCURRENCY} connections

| measure                                        | per s    | p50 ms | p99 ms | |
|------------------------------------------------|---------:|-------:|-------:|---|
${row('raw two-insert transaction (node-postgres)', raw)}
${row('filing via HTTP, empty table, peak', empty, cpu(empty))}
${row(`filing via HTTP at half the peak (${Math.round(empty.perSecond / 2)}/s)`, half, cpu(half))}
${row(`filing via HTTP, ${BULK_ROWS} issues in table, peak`, full, cpu(full))}

filing ÷ raw (empty):   ${result.ratios.filingEmptyVsRaw.toFixed(2)}   (target ≥ 0.5)
p99 at half the peak:   ${f(half.p99Ms)} ms   (target ≤ 25 ms)
filing bulk ÷ empty:    ${result.ratios.filingBulkVsEmpty.toFixed(2)}   (target within 10 %; bulk load of ${BULK_ROWS} rows took ${f(loadSeconds)} s)
issues filed through the API: ${result.issuesFiled}`);
    await mkdir('bench/results', { recursive: true });
    await writeFile(`bench/results/filing-${Date.now()}.json`, JSON.stringify(result, null, 2));
  } finally {
    if (PROFILE) {
      api.kill('SIGUSR2');
      await new Promise((r) => setTimeout(r, 2_000));
      console.log(`API CPU profile: ${PROFILE}`);
    }
    await api.stop(5_000);
  }
} finally {
  await db.destroy();
  await dropDatabase(databaseUrl);
}
