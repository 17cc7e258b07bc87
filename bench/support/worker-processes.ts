import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What one clock-worker process measured between `ready` and `stop`. */
export type WorkerFigures = {
  pid: number;
  jobs: number;
  failed: number;
  firstError: string | null;
  outcomes: Record<string, number>;
  /** Summed over jobs: runClockStep from start to end, and within it setting the next timers. */
  handlerMs: number;
  scheduleMs: number;
  /** Per SQL statement text: how many ran and their summed time on the connection. */
  statements: Record<string, { count: number; ms: number }>;
  /** Per job: when the handler started, less the timer's due time (BullMQ's part of the lateness). */
  pickupMs: number[];
  /** The process's own CPU time (user + system). */
  cpuMs: number;
};

export type ClockWorkers = { pids: number[]; stop(): Promise<WorkerFigures[]>; kill(): void };

const ENTRY = fileURLToPath(new URL('../clock-worker-process.ts', import.meta.url));
// BENCH_CPU_PROF=1: each worker process writes a V8 CPU profile (open it in Chrome DevTools).
const PROFILE = process.env['BENCH_CPU_PROF'] === '1' ? ['--cpu-prof', `--cpu-prof-dir=${fileURLToPath(new URL('../results/cpu-prof', import.meta.url))}`] : [];

function startOne(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...PROFILE, '--import', 'tsx', ENTRY], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { type: string }) => (m.type === 'ready' ? resolve(child) : reject(new Error(`worker said ${m.type}`))));
    child.once('exit', (code) => reject(new Error(`clock worker exited with ${code} before it was ready`)));
  });
}

/** Starts `count` separate clock-worker processes (bench/clock-worker-process.ts) and waits until each is ready. */
export async function startClockWorkers(count: number, env: { BENCH_DATABASE_URL: string; BENCH_REDIS_URL: string; BENCH_PREFIX: string; BENCH_TIMERS_BACKEND?: string }): Promise<ClockWorkers> {
  const children = await Promise.all(Array.from({ length: count }, () => startOne(env)));
  return {
    pids: children.map((c) => c.pid ?? 0),
    stop: () =>
      Promise.all(
        children.map(
          (c) =>
            new Promise<WorkerFigures>((resolve, reject) => {
              c.once('message', (m: { type: string; figures: WorkerFigures }) => resolve(m.figures));
              c.once('exit', (code) => reject(new Error(`clock worker exited with ${code} before sending its figures`)));
              c.send({ type: 'stop' });
            }),
        ),
      ),
    kill: () => {
      for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    },
  };
}
