import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Drill } from './support/drill.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `ip …` and throws with its stderr when it fails. */
function ip(...args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.error?.message ?? r.stderr.trim()}`);
}

/** A process inside network namespace `ns`, its output lines kept; settles `ready` on the first line matching. */
function inNamespace(ns: string, command: string[], env: Record<string, string>, ready: RegExp) {
  const child: ChildProcess = spawn('ip', ['netns', 'exec', ns, ...command], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const exited = new Promise<number | null>((r) => child.once('close', r));
  const up = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command.join(' ')} in ${ns}: not ready in 120 s: ${lines.slice(-5).join(' | ')}`)), 120_000);
    const seen = (l: string) => {
      lines.push(l);
      if (ready.test(l)) clearTimeout(timer), resolve();
    };
    createInterface({ input: child.stdout! }).on('line', seen);
    createInterface({ input: child.stderr! }).on('line', seen);
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`${command.join(' ')} in ${ns} exited with ${code}: ${lines.slice(-5).join(' | ')}`))));
  });
  up.catch(() => undefined);
  return { child, lines, exited, up };
}

/**
 * Drill 10: the engine scaled out over two hosts. Two network namespaces stand for them, joined by
 * one veth pair and nothing else (no other address, no route out): the "database host" runs
 * PostgreSQL (the embedded one, offered on the veth address) and Redis; the "app host" runs two API
 * and two worker processes against them (scale-out-app.ts), takes a steady load of filings and a
 * burst of clock steps, and loses one API and one worker to SIGKILL mid-run. Every filing must be
 * answered or refused cleanly (each filed once), every step fire once, every mail go once.
 * Needs root and iproute2.
 */
export const scaleOutDrill: Drill = {
  name: 'scale-out',
  promise: 'two APIs and two workers on another host than PostgreSQL and Redis, one of each killed mid-run: every filing answered once, every step once, every mail once',
  async run(scale) {
    const id = `${process.pid}`.slice(-5);
    const net = 10 + (process.pid % 240);
    const [dbHost, appHost] = [`hydb${id}`, `hyapp${id}`];
    const [dbIf, appIf] = [`hyd${id}`, `hya${id}`];
    const [dbAddr, appAddr] = [`10.77.${net}.1`, `10.77.${net}.2`];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'huiyin-scale-out-'));
    const running: Array<ReturnType<typeof inNamespace>> = [];
    try {
      for (const ns of [dbHost, appHost]) {
        ip('netns', 'add', ns);
        ip('-n', ns, 'link', 'set', 'lo', 'up');
      }
      ip('link', 'add', dbIf, 'type', 'veth', 'peer', 'name', appIf);
      for (const [ifName, ns, addr] of [
        [dbIf, dbHost, dbAddr],
        [appIf, appHost, appAddr],
      ] as const) {
        ip('link', 'set', ifName, 'netns', ns);
        ip('-n', ns, 'addr', 'add', `${addr}/30`, 'dev', ifName);
        ip('-n', ns, 'link', 'set', ifName, 'up');
      }
      // The database host: PostgreSQL on its loopback, offered on the veth address; Redis there too.
      const pg = inNamespace(
        dbHost,
        [process.execPath, '--import', 'tsx', 'services/cli/src/main.ts', 'embedded-postgres'],
        { EMBEDDED_PG_DIR: path.join(dir, 'postgres'), EMBEDDED_PG_PORT: '5432' },
        /^ready on /,
      );
      running.push(pg);
      await pg.up;
      const forward = inNamespace(dbHost, [process.execPath, '--import', 'tsx', 'test/drills/support/forward.ts', dbAddr, '5432', '5432'], {}, /^forwarding /);
      running.push(forward);
      const redis = inNamespace(
        dbHost,
        ['redis-server', '--bind', dbAddr, '--port', '6379', '--save', '', '--appendonly', 'no', '--protected-mode', 'no', '--maxmemory-policy', 'noeviction'],
        {},
        /Ready to accept connections/,
      );
      running.push(redis);
      await Promise.all([forward.up, redis.up]);
      // The app host: the drill's application side, which reaches the database host only over the veth pair.
      const app = inNamespace(
        appHost,
        [process.execPath, '--import', 'tsx', 'test/drills/scale-out-app.ts', scale],
        { TEST_DATABASE_URL: `postgres://postgres:huiyin@${dbAddr}:5432/postgres`, REDIS_URL: `redis://${dbAddr}:6379`, TIMERS_BACKEND: 'redis' },
        /^\{"summary"/,
      );
      running.push(app);
      const code = await app.exited;
      const last = app.lines.filter((l) => l.startsWith('{"summary"')).at(-1);
      if (!last) return { summary: `the app host's side exited with ${code} without a report`, failures: [`no report; its last lines: ${app.lines.slice(-15).join(' | ')}`] };
      return JSON.parse(last) as { summary: string; failures: string[] };
    } finally {
      for (const r of running.reverse()) {
        r.child.kill('SIGTERM');
        const timer = setTimeout(() => r.child.kill('SIGKILL'), 10_000);
        await r.exited;
        clearTimeout(timer);
      }
      for (const ns of [dbHost, appHost]) spawnSync('ip', ['netns', 'del', ns]);
      await rm(dir, { recursive: true, force: true });
    }
  },
};
