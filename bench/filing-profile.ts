/**
 * `pnpm bench filing-profile`: where one filing's time goes. Files issues through the HTTP API
 * with Kysely's query log on, and reports per filing: the statements sent (each one round trip,
 * BEGIN and COMMIT included), their time on the connection, and the rest of the request (HTTP,
 * auth, zod, JavaScript, pool waits). Then drives 32 in flight for BENCH_SECONDS, with each
 * statement's time under that load, and splits the machine's CPU between the API process,
 * PostgreSQL and everything else. Prints a table, writes JSON under bench/results/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildApp } from '@huiyin/api/app';
import { createWorkingCalendar } from '@huiyin/calendar';
import { loadConfig } from '@huiyin/config';
import { createDb, dropDatabase, ensureDatabase, migrateToLatest } from '@huiyin/store';
import { createFilingDistrict } from './support/filing-district.ts';
import { cpuBetween, sampleCpu } from './support/cpu-sample.ts';
import { drive } from './support/drive.ts';
import { rawTwoInsertRate } from './support/raw-two-insert.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const SEQUENTIAL = Number(process.env['BENCH_PROFILE_FILINGS'] ?? 300);

type Stmt = { ms: number; sql: string };
let current: Stmt[] | null = null;
/** Every statement while driving 32 in flight, by its start. */
let underLoad: Map<string, number[]> | null = null;

const base = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/huiyin');
base.pathname = `/huiyin_bench_profile_${Date.now().toString(36)}`;
const databaseUrl = base.toString();
await ensureDatabase(databaseUrl);
const setup = createDb(databaseUrl, { max: 2 });
const db = createDb(databaseUrl, {
  max: 32,
  log: (e) => {
    if (e.level !== 'query') return;
    const sql = e.query.sql.replace(/\s+/g, ' ').slice(0, 70);
    current?.push({ ms: e.queryDurationMillis, sql });
    if (underLoad) underLoad.set(sql, [...(underLoad.get(sql) ?? []), e.queryDurationMillis]);
  },
});
try {
  const m = await migrateToLatest(setup);
  if (m.error) throw m.error;
  const district = await createFilingDistrict(setup, { contact: false });

  const raw = await rawTwoInsertRate(databaseUrl, SECONDS, 32);
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', PORT: '0', LOGIN_RATE_PER_MINUTE: '1000' });
  const app = await buildApp({ config, db, calendar: createWorkingCalendar(), clock: () => new Date() });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await fetch(`${address}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'bench', password: 'bench-password' }) });
  const { token } = (await login.json()) as { token: string };
  const body = JSON.stringify({ categoryId: district.categoryId, title: '基准测试诉求', description: '通过 HTTP 接口提交，含事务、台账、发件箱。' });
  let n = 0;
  const fileOnce = async (withKey: boolean) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    if (withKey) headers['idempotency-key'] = `profile-${process.pid}-${n++}`;
    const res = await fetch(`${address}/api/v1/issues`, { method: 'POST', headers, body });
    if (res.status !== 201) throw new Error(`filing answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };

  // One at a time, so each request's statements are its own.
  const profile = async (withKey: boolean) => {
    for (let i = 0; i < 30; i++) await fileOnce(withKey);
    const perFiling: Array<{ wallMs: number; statements: Stmt[] }> = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      current = [];
      const t = performance.now();
      await fileOnce(withKey);
      perFiling.push({ wallMs: performance.now() - t, statements: current });
      current = null;
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const wall = med(perFiling.map((f) => f.wallMs));
    const sqlMs = med(perFiling.map((f) => f.statements.reduce((s, q) => s + q.ms, 0)));
    const count = med(perFiling.map((f) => f.statements.length));
    const bySql = new Map<string, number[]>();
    for (const f of perFiling) for (const q of f.statements) bySql.set(q.sql, [...(bySql.get(q.sql) ?? []), q.ms]);
    const statements = [...bySql].map(([sql, ms]) => ({ sql, perFiling: ms.length / perFiling.length, medianMs: med(ms) })).sort((a, b) => b.medianMs - a.medianMs);
    return { filings: SEQUENTIAL, medianWallMs: wall, medianSqlMs: sqlMs, statements: count, restMs: wall - sqlMs, byStatement: statements };
  };
  const plain = await profile(false);
  const keyed = await profile(true);

  // A V8 CPU profile of this process (the API) while it files under load: self time by package.
  const inspector = new Session();
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
  const cpuFrom = sampleCpu();
  underLoad = new Map();
  const load = await drive(() => fileOnce(false), SECONDS, 32);
  const loaded = underLoad;
  underLoad = null;
  const cpu = cpuBetween(cpuFrom, sampleCpu(), { api: [process.pid], postgres: /^postgres$/ });
  const { profile: v8 } = await inspector.post('Profiler.stop');
  inspector.disconnect();
  const byPackage = selfTimeByPackage(v8 as unknown as V8Profile, load.count);
  const q = (xs: number[], at: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(at * xs.length))] ?? 0;
  const at32 = [...loaded]
    .map(([sql, ms]) => ({ sql, perFiling: ms.length / load.count, p50Ms: q(ms, 0.5), p99Ms: q(ms, 0.99), msPerFiling: ms.reduce((a, b) => a + b, 0) / load.count }))
    .sort((a, b) => b.msPerFiling - a.msPerFiling);
  await app.close();

  const result = { when: new Date().toISOString(), loadAvg: loadavg(), raw, sequential: { plain, keyed }, at32: { ...load, cpu, statements: at32, apiCpuByPackage: byPackage } };
  const f = (x: number) => x.toFixed(2).padStart(7);
  console.log(`
one filing at a time (${SEQUENTIAL} each, medians): wall ${f(plain.medianWallMs)} ms, SQL ${f(plain.medianSqlMs)} ms in ${plain.statements} statements (round trips, BEGIN and COMMIT included), rest ${f(plain.restMs)} ms
with an Idempotency-Key:                         wall ${f(keyed.medianWallMs)} ms, SQL ${f(keyed.medianSqlMs)} ms in ${keyed.statements} statements, rest ${f(keyed.restMs)} ms

| statement (no key)                                                     | per filing | median ms |
|------------------------------------------------------------------------|-----------:|----------:|
${plain.byStatement.map((s) => `| ${s.sql.padEnd(70)} | ${s.perFiling.toFixed(2).padStart(10)} | ${f(s.medianMs).padStart(9)} |`).join('\n')}

| statement, 32 in flight                                                | p50 ms | p99 ms | ms per filing |
|------------------------------------------------------------------------|-------:|-------:|--------------:|
${at32.map((s) => `| ${s.sql.padEnd(70)} | ${f(s.p50Ms)} | ${f(s.p99Ms)} | ${f(s.msPerFiling).padStart(13)} |`).join('\n')}

32 in flight for ${SECONDS} s: ${load.perSecond.toFixed(0)} filings/s (p50 ${load.p50Ms.toFixed(1)} ms, p99 ${load.p99Ms.toFixed(1)} ms) vs raw two-insert ${raw.perSecond.toFixed(0)}/s = ${(load.perSecond / raw.perSecond).toFixed(2)}
cores used: ${Object.entries(cpu.cores)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ')} (machine ${cpu.machineCores.toFixed(2)} of 2); load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}
API process CPU per filing by package (V8 profile, self time): ${byPackage
    .slice(0, 12)
    .map((p) => `${p.name} ${p.msPerFiling.toFixed(2)}`)
    .join(', ')} ms
API CPU per filing: ${(((cpu.cores['api'] ?? 0) * 1000) / load.perSecond).toFixed(2)} ms; PostgreSQL CPU per filing: ${(((cpu.cores['postgres'] ?? 0) * 1000) / load.perSecond).toFixed(2)} ms`);
  await mkdir('bench/results', { recursive: true });
  await writeFile(`bench/results/filing-profile-${Date.now()}.json`, JSON.stringify(result, null, 2));
} finally {
  await db.destroy();
  await setup.destroy();
  await dropDatabase(databaseUrl);
}

type V8Profile = { nodes: Array<{ id: number; callFrame: { url: string; functionName: string }; hitCount?: number }>; startTime: number; endTime: number; samples?: number[] };

/** Self time of a V8 CPU profile by package (a node_modules package, a workspace package, node's own, V8's), in ms per filing. */
function selfTimeByPackage(profile: V8Profile, filings: number): Array<{ name: string; msPerFiling: number; share: number }> {
  const totalSamples = profile.samples?.length ?? profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, totalSamples);
  const by = new Map<string, number>();
  for (const n of profile.nodes) {
    const url = n.callFrame.url;
    const pkg =
      /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(@[^/]+\/[^/]+|[^/]+)/.exec(url)?.[1] ??
      /\/(packages|services|workflows)\/([^/]+)\//.exec(url)?.slice(1, 3).join('/') ??
      (url.startsWith('node:') ? 'node (internals)' : url === '' ? n.callFrame.functionName || '(anonymous)' : url);
    by.set(pkg, (by.get(pkg) ?? 0) + (n.hitCount ?? 0));
  }
  return [...by]
    .filter(([name]) => name !== '(idle)')
    .map(([name, hits]) => ({ name, msPerFiling: (hits * msPerSample) / filings, share: hits / Math.max(1, totalSamples) }))
    .sort((a, b) => b.msPerFiling - a.msPerFiling);
}
