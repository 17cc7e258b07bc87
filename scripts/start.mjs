// `pnpm start`: install, migrate, seed the demo district, then run the engine (API, worker and,
// unless SMTP_URL points elsewhere, a local mail sink) until Ctrl-C or until one of them dies.
// With DATABASE_URL unset and nothing on 127.0.0.1:5432 it runs an embedded PostgreSQL first;
// with REDIS_URL unset and nothing on 127.0.0.1:6379, timers run on BullMQ's PostgreSQL backend.
// Node built-ins only: this runs before `pnpm install` has put anything in node_modules.
import path from 'node:path';
import { assertNodeVersion } from './lib/node-version.mjs';
import { pnpmCommand } from './lib/pnpm.mjs';
import { createSupervisor } from './lib/supervisor.mjs';
import { waitForHttp } from './lib/wait-for-http.mjs';
import { tcpAnswers, waitForLine } from './lib/wait-for.mjs';

const HEALTH_TIMEOUT_MS = 60_000;
/** The embedded PostgreSQL's own port: a server started later on 5432 never collides with it. */
const EMBEDDED_PG_PORT = process.env.EMBEDDED_PG_PORT || '54329';
/** Signals arriving this soon after the first are the same Ctrl-C relayed by npx and pnpm. */
const REPEAT_SIGNAL_MS = 1000;

assertNodeVersion();
const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const cli = 'services/cli/src/main.ts';
const vite = path.join(root, 'services', 'web', 'node_modules', '.bin', 'vite');
const log = (msg) => console.error(`[start] ${msg}`);

// The launcher reads the few variables it needs to find the API; the services parse the full
// config themselves (packages/config) from the same environment.
const env = { ...process.env };
const host = env.HOST || '127.0.0.1';
const port = env.PORT || '3000';
const localHost = urlHost(host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);
const healthUrl = `http://${localHost}:${port}/health`;
const publicUrl = (env.PUBLIC_URL || `http://${localHost}:${port}`).replace(/\/+$/, '');
const runSink = !env.SMTP_URL;
const sinkSmtpPort = env.MAILSINK_SMTP_PORT || '1025';
const sinkUrl = `http://127.0.0.1:${env.MAILSINK_HTTP_PORT || '1080'}/`;
if (runSink) env.SMTP_URL = `smtp://127.0.0.1:${sinkSmtpPort}`;

const sup = createSupervisor({ log });
/** The embedded database, stopped after everything that uses it. */
const dbSup = createSupervisor({ log });
const timersLine = () =>
  env.TIMERS_BACKEND === 'postgres'
    ? 'BullMQ on PostgreSQL, no Redis needed (set REDIS_URL, or start Redis on 127.0.0.1:6379, to use Redis)'
    : `BullMQ on Redis at ${env.REDIS_URL ? `${maskUrl(env.REDIS_URL)} (REDIS_URL)` : '127.0.0.1:6379'}`;
let database = env.DATABASE_URL ? `PostgreSQL at ${maskUrl(env.DATABASE_URL)} (DATABASE_URL)` : 'PostgreSQL at 127.0.0.1:5432';
let stopping = false;
let firstSignalAt = 0;
/** Aborts the health wait as soon as anything stops the engine. */
const stopSignal = new AbortController();

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) {
      // A second Ctrl-C, given a moment after the first, means "now".
      if (Date.now() - firstSignalAt > REPEAT_SIGNAL_MS) sup.killAll();
      return;
    }
    firstSignalAt = Date.now();
    log(`${signal}: stopping`);
    // A closed terminal (SIGHUP) asks for the same clean stop as SIGTERM.
    void stop(0, signal === 'SIGHUP' ? 'SIGTERM' : signal);
  });
}

const services = new Set(['mail', 'api', 'worker']);
dbSup.onExit((_name, code) => {
  if (stopping) return;
  log(`the embedded PostgreSQL exited with code ${code}; stopping the others`);
  void stop(code || 1);
});
sup.onExit((name, code) => {
  if (stopping || !services.has(name)) return;
  log(`${name} exited with code ${code}; stopping the others`);
  void stop(code || 1);
});

main().catch((err) => {
  log(err.stack ?? String(err));
  void stop(1);
});

async function main() {
  // Each step returns false when a signal cut it short; stop() is then already exiting.
  if (!(await step('install', [...pnpmCommand(env), 'install', '--frozen-lockfile']))) return;
  // The console the API serves at `/` (services/web/dist).
  if (!(await step('build web', [vite, 'build', 'services/web', '--logLevel', 'warn']))) return;
  if (!env.TIMERS_BACKEND && !env.REDIS_URL && !(await tcpAnswers('127.0.0.1', 6379))) {
    log("nothing answers on 127.0.0.1:6379 and REDIS_URL is unset: timers and the notice-channel queue run on BullMQ's tables in PostgreSQL");
    env.TIMERS_BACKEND = 'postgres';
  }
  if (!(await startDatabase())) return;
  if (!(await step('migrate', [tsx, cli, 'migrate']))) return;
  if (!(await step('seed', [tsx, cli, 'seed', '--if-empty']))) return;

  if (runSink) sup.spawnChild('mail', tsx, ['services/mailsink/src/main.ts'], { env, cwd: root });
  const api = sup.spawnChild('api', tsx, ['services/api/src/main.ts'], { env, cwd: root });
  const worker = sup.spawnChild('worker', tsx, ['services/worker/src/main.ts'], { env, cwd: root });

  const [health, workerReady, sink] = await Promise.all([
    waitForHttp(healthUrl, { timeoutMs: HEALTH_TIMEOUT_MS, signal: stopSignal.signal }),
    // The worker has no port: it says so on its log once its timers are set and mail runs.
    waitForLine(worker.tail, /"msg":"worker ready"/, { timeoutMs: HEALTH_TIMEOUT_MS, signal: stopSignal.signal }),
    // So the banner's mail link works when printed; the sink starts in about a second.
    runSink ? waitForHttp(`${sinkUrl}api/messages`, { timeoutMs: 15_000, signal: stopSignal.signal }) : { ok: true },
  ]);
  if (stopping) return;
  if (!health.ok) {
    log(`the API did not come up at ${healthUrl}: ${health.reason}. Its last output:`);
    for (const line of api.tail) console.error(`  [api] ${line}`);
    return stop(1);
  }
  if (!workerReady.ok) {
    log(`the worker did not get ready: ${workerReady.reason}. Its last output:`);
    for (const line of worker.tail.slice(-20)) console.error(`  [worker] ${line}`);
    return stop(1);
  }
  if (!sink.ok) log(`the mail sink did not answer at ${sinkUrl}: ${sink.reason}`);

  console.log(`
Huiyin is running.
  Console           ${publicUrl}/
  API               ${publicUrl}/api/v1/
  API docs          ${publicUrl}/docs
  OpenAPI           ${publicUrl}/openapi.json
  Mail              ${runSink ? `${sinkUrl}  (local sink, SMTP 127.0.0.1:${sinkSmtpPort})` : 'sent through SMTP_URL'}
  Database          ${database}
  Timers and mail   ${timersLine()}
`);
  // A one-shot, not a service: its failure leaves the engine running. It prints its own heading.
  const logins = await sup.spawnChild('demo-logins', tsx, [cli, 'demo-logins'], { env, cwd: root, prefix: false }).exited;
  if (stopping) return;
  if (logins !== 0) log(`demo-logins exited with code ${logins}; the engine keeps running`);
  console.log('\nPress Ctrl-C to stop.');
}

/**
 * With DATABASE_URL unset and nothing answering on 127.0.0.1:5432, runs the embedded PostgreSQL
 * (data in .data/postgres, kept between runs) and points the engine at it.
 * @returns false when start-up must end (it failed, or a signal cut it short).
 */
async function startDatabase() {
  if (env.DATABASE_URL || (await tcpAnswers('127.0.0.1', 5432))) return true;
  log(`nothing answers on 127.0.0.1:5432 and DATABASE_URL is unset: starting the embedded PostgreSQL on 127.0.0.1:${EMBEDDED_PG_PORT}`);
  const pgEnv = { ...env, EMBEDDED_PG_PORT };
  const child = dbSup.spawnChild('postgres', tsx, [cli, 'embedded-postgres'], { env: pgEnv, cwd: root });
  const ready = await waitForLine(child.tail, /^ready on /, { timeoutMs: 120_000, signal: stopSignal.signal });
  if (stopping) return false;
  if (!ready.ok) {
    log(`the embedded PostgreSQL did not start: ${ready.reason}`);
    await stop(1);
    return false;
  }
  env.DATABASE_URL = `postgres://postgres:huiyin@127.0.0.1:${EMBEDDED_PG_PORT}/huiyin`;
  database = `embedded PostgreSQL on 127.0.0.1:${EMBEDDED_PG_PORT}, data in .data/postgres (set DATABASE_URL to use a server)`;
  return true;
}

/**
 * Runs one set-up command in the foreground; a failure ends start-up with its exit code.
 * @returns false when a signal interrupted it.
 */
async function step(name, [command, ...args]) {
  log(name);
  const code = await sup.spawnChild(name, command, args, { env, cwd: root, prefix: false }).exited;
  if (stopping) return false;
  if (code !== 0) {
    log(`${name} failed with exit code ${code}`);
    process.exit(code);
  }
  return true;
}

/** Stops every child (gracefully, then by force) and exits; later calls are no-ops. */
async function stop(code, signal = 'SIGTERM') {
  if (stopping) return;
  stopping = true;
  stopSignal.abort();
  const clean = await sup.stopAll(signal);
  // The database goes last, once nothing uses it.
  const dbClean = await dbSup.stopAll('SIGTERM');
  process.exit(clean && dbClean ? code : code || 1);
}

function maskUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

function urlHost(h) {
  return h.includes(':') && !h.startsWith('[') ? `[${h}]` : h;
}
