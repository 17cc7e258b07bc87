/**
 * `pnpm bench reads`: the reads a district runs all day, at a million issues generated in bulk
 * SQL, through the functions the API calls — the supervisor's overdue board, the 未办结 list by
 * leader and by unit, an enterprise's own list, and a semi-monthly bulletin — each beside a plain
 * indexed SELECT of the same output size in the same run. Prints a table, writes JSON under
 * bench/results/. Knobs: see bench/README.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { createWorkingCalendar } from '@huiyin/calendar';
import { generateBulletin, openList, periodJustEnded, DEFAULT_MIN_ISSUES } from '@huiyin/reports';
import { createDb, dropDatabase, ensureDatabase, migrateToLatest, type Database } from '@huiyin/store';
import { listIssues, listOverdue, projectBulletinSection, searchIssues, similarIssues } from '@huiyin/engine';
import { SEARCH_QUERIES } from './support/bench-texts.ts';
import { seedDistrict } from './support/open-issues.ts';
import { enterpriseActors, leaderActor, loadReadDataset, supervisorActor, unitHeadActor } from './support/read-dataset.ts';

const ISSUES = Number(process.env['BENCH_READ_ISSUES'] ?? 1_000_000);
const ENTERPRISES = Number(process.env['BENCH_READ_ENTERPRISES'] ?? 5000);
const SAMPLES = Number(process.env['BENCH_READ_SAMPLES'] ?? 200);
const BULLETINS = Number(process.env['BENCH_READ_BULLETINS'] ?? 5);
const EXPLAIN = process.env['BENCH_EXPLAIN'] === '1';
const SPAN_DAYS = 360;
const PAGE = 100; // the API's default page of the work lists and the open list
const ENTERPRISE_PAGE = 50; // the API's default page of /issues

const progress = (s: string) => console.error(`[reads ${new Date().toISOString().slice(11, 19)}] ${s}`);

type Quantiles = { samples: number; p50: number; p95: number; p99: number; max: number };
function quantiles(ms: number[]): Quantiles {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { samples: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.at(-1) ?? 0 };
}

/** Runs `op` a few times to warm up, then `n` times one after another; returns the timings and the last rows out. */
async function timed(n: number, op: (i: number) => Promise<number>): Promise<Quantiles & { rowsOut: number }> {
  for (let i = 0; i < Math.min(5, n); i++) await op(i);
  const ms: number[] = [];
  let rowsOut = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    rowsOut = await op(i);
    ms.push(performance.now() - t);
  }
  return { ...quantiles(ms), rowsOut };
}

const base = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/huiyin');
base.pathname = `/huiyin_bench_reads_${Date.now().toString(36)}`;
const databaseUrl = base.toString();
await ensureDatabase(databaseUrl);
const db = createDb(databaseUrl, { max: 4 });
const loadStart = loadavg();
try {
  const m = await migrateToLatest(db);
  if (m.error) throw m.error;
  const deps = { db, calendar: createWorkingCalendar(), clock: () => new Date() };
  progress(`district of ${ENTERPRISES} enterprises`);
  const district = await seedDistrict(db, ENTERPRISES);
  const loadStarted = performance.now();
  const dataset = await loadReadDataset(deps, district, ISSUES, SPAN_DAYS, (s) => progress(`${ISSUES} issues: ${s}`));
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  progress(`loaded in ${loadSeconds.toFixed(1)} s: ${JSON.stringify({ ...dataset, seconds: undefined })}`);

  const supervisor = await supervisorActor(db);
  const enterprises = await enterpriseActors(db);
  const unitHead = await unitHeadActor(db);
  const leader = await leaderActor(db);
  const period = periodJustEnded(new Date());
  const periodRows = Number((await sql<{ n: string }>`select count(*) as n from issues where filed_at >= ${period.start} and filed_at < ${period.end}`.execute(db)).rows[0]?.n ?? 0);

  // The substrate: the same number of rows out of `issues` by a plain SELECT on the filed_at index, from a random point.
  const plain = async (rows: number) => {
    const before = new Date(Date.now() - Math.random() * (SPAN_DAYS - 30) * 86_400_000);
    const r = await sql`select id, number, title, state, stage, track, filed_at, enterprise_id, leader_id, lead_unit_id, claim_due_at, handling_due_at
                        from issues where filed_at < ${before} order by filed_at desc limit ${rows}`.execute(db);
    return r.rows.length;
  };

  // What a dispatcher opens: the newest filings, each with its likely duplicates (README.md#search-and-similar-problems).
  const newest = (await sql<{ id: string }>`select id from issues order by filed_at desc limit 500`.execute(db)).rows.map((r) => r.id);
  const ops: Record<string, { op: (i: number) => Promise<number>; n: number; targetMs?: number }> = {
    'overdue board (listOverdue, supervisor)': { n: SAMPLES, op: async () => (await listOverdue(db, supervisor, new Date(), { limit: PAGE })).items.length },
    '未办结 by leader (openList)': {
      n: SAMPLES,
      op: async () => {
        const l = await openList(db, supervisor, { groupBy: 'leader', now: new Date(), limit: PAGE, offset: 0 });
        return l.items.length + l.groups.length;
      },
    },
    '未办结 by unit (openList)': {
      n: SAMPLES,
      op: async () => {
        const l = await openList(db, supervisor, { groupBy: 'unit', now: new Date(), limit: PAGE, offset: 0 });
        return l.items.length + l.groups.length;
      },
    },
    // Readers who see only some issues: visibility (a unit's own, assisted and returned issues; a
    // leader's and their enterprises') is a condition on every open issue, not a group's index range.
    '未办结 by unit (openList, a unit head)': {
      n: SAMPLES,
      op: async () => {
        const l = await openList(db, unitHead, { groupBy: 'unit', now: new Date(), limit: PAGE, offset: 0 });
        return l.items.length + l.groups.length;
      },
    },
    '未办结 by leader (openList, a leader)': {
      n: SAMPLES,
      op: async () => {
        const l = await openList(db, leader, { groupBy: 'leader', now: new Date(), limit: PAGE, offset: 0 });
        return l.items.length + l.groups.length;
      },
    },
    "a unit head's list (listIssues)": { n: SAMPLES, op: async () => (await listIssues(db, unitHead, { limit: ENTERPRISE_PAGE })).items.length },
    "enterprise's own list (listIssues)": { n: SAMPLES, op: async (i) => (await listIssues(db, enterprises[(i * 7919) % enterprises.length]!, { limit: ENTERPRISE_PAGE })).items.length },
    'search (searchIssues, supervisor)': {
      n: SAMPLES,
      targetMs: 100,
      op: async (i) => (await searchIssues(db, supervisor, { q: SEARCH_QUERIES[i % SEARCH_QUERIES.length]!, limit: 20, now: new Date() })).items.length,
    },
    'search (searchIssues, enterprise)': {
      n: SAMPLES,
      targetMs: 100,
      op: async (i) => (await searchIssues(db, enterprises[(i * 7919) % enterprises.length]!, { q: SEARCH_QUERIES[i % SEARCH_QUERIES.length]!, limit: 20, now: new Date() })).items.length,
    },
    'similar open issues (similarIssues)': {
      n: SAMPLES,
      targetMs: 100,
      op: async (i) => (await similarIssues(db, supervisor, { issueId: newest[(i * 7919) % newest.length]!, limit: 10, open: true })).items.length,
    },
  };
  const results: Record<string, { huiyin: Quantiles & { rowsOut: number }; plain: Quantiles & { rowsOut: number } }> = {};
  for (const [name, { op, n }] of Object.entries(ops)) {
    progress(`${name}: ${n} samples`);
    const huiyin = await timed(n, op);
    const bare = await timed(n, () => plain(huiyin.rowsOut));
    results[name] = { huiyin, plain: bare };
  }

  progress(`bulletin ${period.id} (${periodRows} issues filed in it): ${BULLETINS} runs`);
  let bulletinTotals: unknown = null;
  let bulletinError: string | null = null;
  const runBulletin = async (on: typeof db) => {
    const { bulletin: b } = await generateBulletin(
      { db: on, clock: () => new Date() },
      { period, kind: 'on_demand', generatedBy: null, minIssues: DEFAULT_MIN_ISSUES, mail: false, revision: true, sections: { projects: projectBulletinSection } },
    );
    bulletinTotals = b.totals;
    return b.content.units.length;
  };
  const failed: Quantiles & { rowsOut: number } = { samples: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, rowsOut: 0 };
  const bulletin = await timed(BULLETINS, () => runBulletin(db)).catch((e: unknown) => {
    bulletinError = e instanceof Error ? e.message : String(e);
    return failed;
  });
  const bulletinPlain = await timed(BULLETINS, async () => {
    const r = await sql`select id, leader_id, lead_unit_id, filed_at, closed_at, state from issues where filed_at >= ${period.start} and filed_at < ${period.end}`.execute(db);
    return r.rows.length;
  });
  // Where the bulletin's time goes: each statement's time on its connection and its parameter count, from Kysely's log.
  const statements = await bulletinStatements(databaseUrl, runBulletin);

  let plans: Record<string, string> | undefined;
  if (EXPLAIN) plans = await explainAll(databaseUrl, supervisor, enterprises[0]!);
  const loadEnd = loadavg();

  const result = {
    machine: { node: process.version, cpus: cpus().length, when: new Date().toISOString(), loadAvgStart: loadStart, loadAvgEnd: loadEnd },
    dataset: { ...dataset, loadSeconds, enterprises: ENTERPRISES },
    samples: SAMPLES,
    reads: results,
    bulletin: { period: period.id, periodIssues: periodRows, runs: BULLETINS, huiyin: bulletin, plain: bulletinPlain, totals: bulletinTotals, error: bulletinError, statements },
    plans,
  };
  const f = (x: number) => x.toFixed(1).padStart(7);
  const line = (name: string, h: Quantiles & { rowsOut: number }, p: Quantiles & { rowsOut: number }, target: string, ok: boolean) =>
    `| ${name.padEnd(40)} | ${String(h.rowsOut).padStart(6)} | ${f(h.p50)} | ${f(h.p95)} | ${f(h.p99)} | ${f(p.p50)} | ${f(p.p95)} | ${(h.p95 / Math.max(p.p95, 0.001)).toFixed(1).padStart(6)} | ${target} ${ok ? 'met' : 'MISSED'} |`;
  console.log(`
${dataset.issues} issues (${dataset.open} open, ${dataset.overdueOpen} of them overdue), ${dataset.clocks} clocks, ${dataset.timeliness} timeliness rows, ${dataset.events} events; loaded in ${loadSeconds.toFixed(0)} s
load average ${loadStart.map((x) => x.toFixed(1)).join(' ')} → ${loadEnd.map((x) => x.toFixed(1)).join(' ')}; ${SAMPLES} samples each, one at a time

| read (ms)                                | rows   | p50     | p95     | p99     | plain50 | plain95 | ÷ plain | target |
|------------------------------------------|-------:|--------:|--------:|--------:|--------:|--------:|-------:|--------|
${Object.entries(results)
  .map(([name, r]) => line(name, r.huiyin, r.plain, `p95 ≤ ${ops[name]?.targetMs ?? 50} ms`, r.huiyin.p95 <= (ops[name]?.targetMs ?? 50)))
  .join('\n')}
${bulletinError ? `| bulletin ${period.id} (${periodRows} filed) FAILED: ${String(bulletinError).slice(0, 120)} |` : line(`bulletin ${period.id} (${periodRows} filed)`, bulletin, bulletinPlain, 'max ≤ 5 s', bulletin.max <= 5000)}

(plain: the same number of rows out of issues by a SELECT on the filed_at index; for the bulletin, the period's issues by filed_at. For the bulletin "rows" is its units, and ÷ plain compares p95s of ${BULLETINS} runs.)`);
  console.log(
    `\nbulletin statements (one run, slowest first: ms on the connection, parameters, SQL):\n${statements
      .slice(0, 10)
      .map((q) => `${q.ms.toFixed(1).padStart(8)} ${String(q.parameters).padStart(6)}  ${q.sql}${q.error ? `  → ${q.error}` : ''}`)
      .join('\n')}`,
  );
  if (plans) for (const [name, plan] of Object.entries(plans)) console.log(`\n### ${name}\n${plan}`);
  await mkdir('bench/results', { recursive: true });
  await writeFile(`bench/results/reads-${Date.now()}.json`, JSON.stringify(result, null, 2));
} finally {
  await db.destroy();
  if (process.env['BENCH_KEEP_DB'] === '1') console.error(`kept ${databaseUrl}`);
  else await dropDatabase(databaseUrl);
}

/** EXPLAIN (ANALYZE, BUFFERS) of every statement each read sends, captured from Kysely's query log. */
async function explainAll(url: string, supervisor: Awaited<ReturnType<typeof supervisorActor>>, enterprise: Awaited<ReturnType<typeof enterpriseActors>>[number]): Promise<Record<string, string>> {
  const queries: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const logged = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') queries.push(e.query);
    },
  });
  const out: Record<string, string> = {};
  const capture = async (name: string, op: () => Promise<unknown>) => {
    queries.length = 0;
    await op();
    for (const [i, q] of [...queries].entries()) {
      const plan = await pool.query(`explain (analyze, buffers, costs off) ${q.sql}`, q.parameters as unknown[]);
      out[`${name} #${i + 1}`] = `${q.sql.slice(0, 300)}…\n${plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}`;
    }
  };
  try {
    await capture('listOverdue', () => listOverdue(logged, supervisor, new Date(), { limit: PAGE }));
    await capture('openList leader', () => openList(logged, supervisor, { groupBy: 'leader', now: new Date(), limit: PAGE, offset: 0 }));
    await capture('listIssues enterprise', () => listIssues(logged, enterprise, { limit: ENTERPRISE_PAGE }));
  } finally {
    await logged.destroy();
  }
  return out;
}

type Statement = { ms: number; parameters: number; sql: string; error?: string };

/** One bulletin on a Kysely that logs every statement: its time, parameter count and start, slowest first. */
async function bulletinStatements(url: string, run: (on: Kysely<Database>) => Promise<number>): Promise<Statement[]> {
  const out: Statement[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const logged = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      const base = { ms: e.queryDurationMillis, parameters: e.query.parameters.length, sql: e.query.sql.replace(/\s+/g, ' ').slice(0, 110) };
      out.push(e.level === 'error' ? { ...base, error: e.error instanceof Error ? e.error.message : String(e.error) } : base);
    },
  });
  try {
    await run(logged).catch(() => 0);
  } finally {
    await logged.destroy();
  }
  return out.sort((a, b) => b.ms - a.ms);
}
