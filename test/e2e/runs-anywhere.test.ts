import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDb } from '@huiyin/store';
import { openQueueBackend } from '@huiyin/queues';
import { freePort } from '../support/free-port.ts';
import { spawnService } from '../support/service-process.ts';
import { sharedDatabaseUrl, sharedRedisPrefix } from '../support/run-scope.ts';

// Runs anywhere (README, two commands): a configured server that does not answer stops the
// engine's processes with one line to act on, and with no server configured the embedded
// PostgreSQL runs from the npm registry's binaries, keeping its data between runs.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = 'services/cli/src/main.ts';

type Run = { code: number | null; out: string[]; err: string[]; ms: number };

/** Runs an entry point of the repository to its end, with `env` over this process's. */
function run(entry: string, args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  const err: string[] = [];
  createInterface({ input: child.stdout }).on('line', (l) => out.push(l));
  createInterface({ input: child.stderr }).on('line', (l) => err.push(l));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => child.once('close', (code) => (clearTimeout(timer), resolve({ code, out, err, ms: Date.now() - started }))));
}

const STACK = /^\s+at /;

const tcpAnswers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('a configured server that does not answer', () => {
  it('stops migrate with one line naming DATABASE_URL, the server with its password masked, and what to do', async () => {
    const port = await freePort();
    const r = await run(CLI, ['migrate'], { DATABASE_URL: `postgres://huiyin:s3cret@127.0.0.1:${port}/huiyin` });
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(30_000);
    const lines = r.err.filter((l) => l.trim() !== '');
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^Cannot reach PostgreSQL at postgres://huiyin:\\*\\*\\*@127\\.0\\.0\\.1:${port}/huiyin \\(DATABASE_URL\\): ECONNREFUSED\\. Start PostgreSQL there`)),
    ]);
    expect(r.err.join('\n')).not.toContain('s3cret');
    expect(r.err.some((l) => STACK.test(l))).toBe(false);
  }, 60_000);

  it('stops the worker with one line naming REDIS_URL instead of waiting for Redis forever', async () => {
    const port = await freePort();
    const r = await run('services/worker/src/main.ts', [], { DATABASE_URL: sharedDatabaseUrl(), TIMERS_BACKEND: 'redis', REDIS_URL: `redis://:s3cret@127.0.0.1:${port}` });
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(30_000);
    expect(r.err.filter((l) => l.trim() !== '')).toEqual([`Cannot reach Redis at redis://:***@127.0.0.1:${port} (REDIS_URL): ECONNREFUSED. Start Redis there or set REDIS_URL to a server that runs.`]);
    expect(r.out).toEqual([]);
  }, 60_000);
});

describe('no Redis at all', () => {
  it("runs the worker's timers and schedulers on BullMQ's tables in PostgreSQL, asking nothing of REDIS_URL", async () => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    const worker = spawnService('services/worker/src/main.ts', 'no-redis-worker', {
      DATABASE_URL: sharedDatabaseUrl(),
      TIMERS_BACKEND: 'postgres',
      // Nothing answers here: a worker that still asked Redis would stop with the one line above.
      REDIS_URL: `redis://127.0.0.1:${port}`,
      REDIS_PREFIX: `${sharedRedisPrefix()}_noredis`,
      WORKER_METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'info',
    });
    const ready = await worker.waitForLog('worker ready', 60_000);
    expect(ready['timers']).toBe('postgres');
    // Its /ready asks the database and the timer backend (here the same PostgreSQL).
    const probe = await fetch(`http://127.0.0.1:${metricsPort}/ready`);
    expect(probe.status).toBe(200);
    expect(await probe.json()).toEqual({ status: 'ready', checks: { database: 'ok', timers: 'ok' } });
    const db = createDb(sharedDatabaseUrl(), { max: 1 });
    try {
      // Its job schedulers (the reconciler, digests, bulletin, ledger checkpoint, upload sweep) are rows there.
      const schedulers = await sql<{ id: string }>`select scheduler_id as id from bullmq.scheduler where queue = ${`${sharedRedisPrefix()}_noredis.maintenance`} order by 1`.execute(db);
      expect(schedulers.rows.map((r) => r.id)).toEqual(['daily-digest', 'ledger-checkpoint', 'reconcile-timers', 'semi-monthly-bulletin', 'sweep-uploads']);
      // The daily ledger checkpoint, run now: signed and stored (docs/api.md#ledger-checkpoints).
      const backend = await openQueueBackend({
        kind: 'postgres',
        redisUrl: `redis://127.0.0.1:${port}`,
        databaseUrl: sharedDatabaseUrl(),
        prefix: `${sharedRedisPrefix()}_noredis`,
        onError: () => {},
      });
      try {
        await backend.queue('maintenance').add('ledger-checkpoint', {});
        const signed = await worker.waitForLog('ledger checkpoint signed', 120_000);
        expect(await db.selectFrom('ledger_checkpoints').select('reason').where('id', '=', String(signed['id'])).executeTakeFirst()).toEqual({ reason: 'daily' });
      } finally {
        await backend.close();
      }
    } finally {
      await db.destroy();
    }
    expect(await worker.stop()).toEqual({ code: 0, signal: null });
  }, 180_000);
});

describe('the embedded PostgreSQL', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Starts `huiyin embedded-postgres` and waits for its ready line. */
  async function startEmbedded(dataDir: string, port: number) {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'embedded-postgres'], {
      cwd: ROOT,
      env: { ...process.env, EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const exited = new Promise<number | null>((r) => child.once('close', r));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in 120 s: ${lines.join(' | ')}`)), 120_000);
      createInterface({ input: child.stdout }).on('line', (l) => {
        lines.push(l);
        if (l.startsWith('ready on ')) clearTimeout(timer), resolve();
      });
      createInterface({ input: child.stderr }).on('line', (l) => lines.push(l));
      void exited.then((code) => (clearTimeout(timer), reject(new Error(`exited with ${code}: ${lines.join(' | ')}`))));
    });
    return { lines, stop: () => (child.kill('SIGTERM'), exited) };
  }

  it('starts on its own port with no server configured, takes the migrations, stops cleanly and keeps its data for the next run', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'huiyin-embedded-'));
    const dataDir = path.join(dir, 'postgres');
    const port = await freePort();
    const url = `postgres://postgres:huiyin@127.0.0.1:${port}/huiyin`;

    const first = await startEmbedded(dataDir, port);
    expect(first.lines[0]).toBe(`initialising ${dataDir}`);
    const migrated = await run(CLI, ['migrate'], { DATABASE_URL: url }, 120_000);
    expect(migrated.code, migrated.err.join('\n')).toBe(0);
    expect(migrated.out.at(-1)).toBe('database is up to date');
    // Stopped by SIGTERM: the server shuts down cleanly, then the process exits with the signal's code.
    expect(await first.stop()).toBe(143);
    expect(await tcpAnswers(port)).toBe(false);

    // The second run finds its cluster: no initialisation, the migrations still there.
    const second = await startEmbedded(dataDir, port);
    expect(second.lines.some((l) => l.startsWith('initialising'))).toBe(false);
    const db = createDb(url, { max: 1 });
    try {
      const version = await sql<{ server_version: string }>`show server_version`.execute(db);
      expect(version.rows[0]?.server_version).toMatch(/^17\./);
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
      expect(applied.rows.length).toBeGreaterThan(10);
    } finally {
      await db.destroy();
    }
    expect(await second.stop()).toBe(143);
  }, 300_000);
});
