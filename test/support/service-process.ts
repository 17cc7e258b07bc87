import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** One pino line of a service's stdout. */
type LogLine = { level: number; time: number; msg: string; [key: string]: unknown };
type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type ServiceProcess = {
  name: string;
  pid: number;
  /** Its JSON log lines so far, oldest first. */
  logs: LogLine[];
  /** Settles when the process has exited, however it ended. */
  exited: Promise<Exit>;
  /** The first log line, already written or still to come, with this `msg` (and `match`, if given). */
  waitForLog(msg: string, timeoutMs?: number, match?: (line: LogLine) => boolean): Promise<LogLine>;
  /** Sends a signal now (SIGKILL: as `kill -9`). */
  kill(signal: NodeJS.Signals): void;
  /**
   * SIGTERM, then SIGKILL if it has not exited within `graceMs` (@defaultValue 60 000): a worker
   * finishes the job under way first, and a scheduled one (the 08:00 digests, the 08:30 bulletin
   * over a shared database's districts) can take longer than a few seconds on a loaded machine.
   */
  stop(graceMs?: number): Promise<Exit>;
};

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Plain JavaScript, so that compiled services (run without tsx) load it too.
const PRELOAD = fileURLToPath(new URL('./exit-with-parent.mjs', import.meta.url));
const live = new Set<ChildProcess>();
let hooked = false;

/**
 * Runs a service entry point (`services/worker/src/main.ts`) as a real child process from the
 * repository root, with the given variables over this process's environment.
 *
 * It runs as `node --import tsx`, not through the `tsx` binary: that one is a wrapper that runs the
 * service in a grandchild, so a SIGKILL would stop the wrapper and leave the service running.
 * No child outlives the test process: each is killed on its 'exit', and exits by itself when
 * the IPC channel to a test process that died without one closes (exit-with-parent.mjs).
 */
export function spawnService(entry: string, name: string, env: Record<string, string>, options: { args?: string[]; tsx?: boolean } = {}): ServiceProcess {
  if (!hooked) process.once('exit', killAll);
  hooked = true;
  // A compiled entry (`tsx: false`) runs on plain node; the preload keeps it from outliving the test all the same.
  const loaders = options.tsx === false ? ['--import', PRELOAD] : ['--import', 'tsx', '--import', PRELOAD];
  const child = spawn(process.execPath, [...loaders, entry, ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: false,
  });
  live.add(child);
  const logs: LogLine[] = [];
  const other: string[] = [];
  const listeners = new Set<() => void>();
  let exit: Exit | undefined;

  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      exit = { code, signal };
      resolve(exit);
      for (const l of listeners) l();
    });
  });
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = parseLine(text);
    if (line) logs.push(line);
    else other.push(text);
    for (const l of listeners) l();
  });
  createInterface({ input: child.stderr! }).on('line', (text) => other.push(text));
  const tail = () => [...logs.slice(-5).map((l) => JSON.stringify(l)), ...other.slice(-20)].join('\n');

  return {
    name,
    pid: child.pid ?? -1,
    logs,
    exited,
    waitForLog(msg, timeoutMs = 20_000, match = () => true) {
      return new Promise<LogLine>((resolve, reject) => {
        const check = () => {
          const found = logs.find((l) => l.msg === msg && match(l));
          if (found) done(() => resolve(found));
          else if (exit) done(() => reject(new Error(`${name} exited (${JSON.stringify(exit)}) before logging '${msg}':\n${tail()}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`${name} did not log '${msg}' within ${timeoutMs} ms:\n${tail()}`))), timeoutMs);
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    kill(signal) {
      if (!exit) child.kill(signal);
    },
    async stop(graceMs = 60_000) {
      if (exit) return exit;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

function parseLine(text: string): LogLine | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && 'msg' in v ? (v as LogLine) : undefined;
  } catch {
    return undefined;
  }
}

function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
}
