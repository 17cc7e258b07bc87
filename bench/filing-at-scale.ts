/**
 * `pnpm bench`: filing through the HTTP API, against the raw substrate measured in the same run,
 * on an empty table and again with a million issues in it. Prints a table, writes JSON under
 * bench/results/. A benchmark, not a test: figures vary with the machine, ratios much less.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { drive as driveLoops } from './support/drive.ts';
import { rawTwoInsertRate } from './support/raw-two-insert.ts';
import { loadConfig } from '@huiyin/config';
import { createWorkingCalendar } from '@huiyin/calendar';
import { createDb, dropDatabase, ensureDatabase, migrateToLatest } from '@huiyin/store';
import { buildApp } from '@huiyin/api/app';
import { hashPasswordForStore } from '@huiyin/store';

const CONCURRENCY = 32;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const BULK_ROWS = Number(process.env['BENCH_BULK_ROWS'] ?? 1_000_000);

/** Filing driven the same way as the substrate: CONCURRENCY in flight for SECONDS. */
const drive = (op: () => Promise<void>, seconds = SECONDS) => driveLoops(op, seconds, CONCURRENCY);

const base = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/huiyin');
base.pathname = `/huiyin_bench_${Date.now().toString(36)}`;
const databaseUrl = base.toString();
await ensureDatabase(databaseUrl);
const db = createDb(databaseUrl, { max: CONCURRENCY });
try {
  const m = await migrateToLatest(db);
  if (m.error) throw m.error;

  // The substrate: a two-insert transaction from node-postgres at the same concurrency.
  const raw = await rawTwoInsertRate(databaseUrl, SECONDS, CONCURRENCY);

  // A minimal district: one category, one enterprise with an account.
  const hash = await hashPasswordForStore('bench-password');
  const ent = await db.insertInto('enterprises').values({ name: '基准企业', credit_code: '91410311MA44A1B2CG', is_key: true, industry: '大数据', address: '霁川区', contacts: '[]' }).returning('id').executeTakeFirstOrThrow();
  const account = await db.insertInto('accounts').values({ login: 'bench', password_hash: hash, enterprise_id: ent.id }).returning('id').executeTakeFirstOrThrow();
  const limit = (amount: number) => JSON.stringify({ amount, unit: 'workingDays' });
  const cat = await db.insertInto('categories').values({ code: 'bench', name: '基准', green_channel: false, claim_limit: limit(1), handling_limit: limit(10), supplement_limit: limit(5), rating_limit: limit(3), rating_timeout_outcome: 'close_unrated' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('officials').values({ name: '营商办', email: 'dispatcher@bench.local', roles: ['dispatcher'] }).execute();

  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', PORT: '0', LOGIN_RATE_PER_MINUTE: '1000' });
  const app = await buildApp({ config, db, calendar: createWorkingCalendar(), now: () => new Date() });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await fetch(`${address}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'bench', password: 'bench-password' }) });
  const { token } = (await login.json()) as { token: string };
  const body = JSON.stringify({ categoryId: cat.id, title: '基准测试诉求', description: '通过 HTTP 接口提交，含事务、台账、发件箱。' });
  const fileOnce = async () => {
    const res = await fetch(`${address}/api/v1/issues`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
    if (res.status !== 201) throw new Error(`filing answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };
  // Warm the JIT and the pools first, so the empty-table figure is not the start-up's.
  await drive(fileOnce, 2);
  const empty = await drive(fileOnce);

  // A million issues in the table, written in bulk (not through the API), in an earlier year.
  const loadStarted = performance.now();
  const snapshot = (await db.selectFrom('issues').select('snapshot').limit(1).executeTakeFirstOrThrow()).snapshot;
  await sql`
    insert into issues (number, enterprise_id, category_id, title, description, channel, filed_by, state, stage, status_note, snapshot, version, green_channel, expected_due_at, filed_at, updated_at, closed_at)
    select '2020-' || lpad(g::text, 7, '0'), ${ent.id}, ${cat.id}, '历史诉求 ' || g, '批量生成', 'portal', ${account.id}, 'closed', 'closed', '已办结销号。',
           ${JSON.stringify(snapshot)}::jsonb, 8, false, now() - interval '300 days', now() - (g || ' seconds')::interval, now(), now()
    from generate_series(1, ${BULK_ROWS}) g`.execute(db);
  await sql`analyze issues`.execute(db);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const full = await drive(fileOnce);
  await app.close();

  const result = {
    machine: { node: process.version, cpus: (await import('node:os')).cpus().length, when: new Date().toISOString() },
    seconds: SECONDS,
    concurrency: CONCURRENCY,
    rawTwoInsertTx: raw,
    filingEmpty: empty,
    filingWithBulk: { ...full, bulkRows: BULK_ROWS, bulkLoadSeconds: loadSeconds },
    ratios: {
      filingEmptyVsRaw: empty.perSecond / raw.perSecond,
      filingBulkVsRaw: full.perSecond / raw.perSecond,
      filingBulkVsEmpty: full.perSecond / empty.perSecond,
    },
  };
  const f = (n: number) => n.toFixed(1);
  console.log(`
| measure (${CONCURRENCY} in flight, ${SECONDS} s)       | per second | p50 ms | p99 ms |
|----------------------------------------------|-----------:|-------:|-------:|
| raw two-insert transaction (node-postgres)   | ${f(raw.perSecond).padStart(10)} | ${f(raw.p50Ms).padStart(6)} | ${f(raw.p99Ms).padStart(6)} |
| filing via HTTP API, empty table             | ${f(empty.perSecond).padStart(10)} | ${f(empty.p50Ms).padStart(6)} | ${f(empty.p99Ms).padStart(6)} |
| filing via HTTP API, ${String(BULK_ROWS).padEnd(8)} issues in table | ${f(full.perSecond).padStart(10)} | ${f(full.p50Ms).padStart(6)} | ${f(full.p99Ms).padStart(6)} |

filing ÷ raw (empty):   ${result.ratios.filingEmptyVsRaw.toFixed(2)}
filing ÷ raw (bulk):    ${result.ratios.filingBulkVsRaw.toFixed(2)}
filing bulk ÷ empty:    ${result.ratios.filingBulkVsEmpty.toFixed(2)}   (bulk load of ${BULK_ROWS} rows took ${f(loadSeconds)} s)`);
  await mkdir('bench/results', { recursive: true });
  await writeFile(`bench/results/filing-${Date.now()}.json`, JSON.stringify(result, null, 2));
} finally {
  await db.destroy();
  await dropDatabase(databaseUrl);
}
