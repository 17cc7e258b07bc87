// Runs the engine's processes as one unit: prefixed output, signals forwarded once, and when one
// process dies the rest are stopped.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';

const TAIL_LINES = 200;

/**
 * Every child gets its own process group (`detached`), so a terminal's Ctrl-C reaches only this
 * script, which forwards it once. Delivered twice, a service's `process.once('SIGINT')` handler
 * would be spent and tsx would exit it before its graceful close finished.
 */
export function createSupervisor({ log = (msg) => console.error(`[start] ${msg}`) } = {}) {
  /** @type {Map<string, { child: import('node:child_process').ChildProcess, tail: string[], exited: Promise<number> }>} */
  const running = new Map();
  const listeners = new Set();

  function spawnChild(name, command, args, { env = process.env, cwd, prefix = true } = {}) {
    const child = spawn(command, args, {
      cwd,
      env,
      detached: true,
      // No stdin: a background process group reading the terminal would be stopped (SIGTTIN).
      stdio: prefix ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    });
    const tail = [];
    if (prefix) {
      for (const [stream, out] of [
        [child.stdout, process.stdout],
        [child.stderr, process.stderr],
      ]) {
        createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
          out.write(`[${name}] ${line}\n`);
          tail.push(line);
          if (tail.length > TAIL_LINES) tail.shift();
        });
      }
    }
    const exited = new Promise((resolve) => {
      child.on('error', (err) => {
        log(`${name}: could not start ${command}: ${err.message}`);
        resolve(127);
      });
      child.on('exit', (code, signal) => resolve(code ?? 128 + signalNumber(signal)));
    }).then((code) => {
      running.delete(name);
      for (const fn of listeners) fn(name, code);
      return code;
    });
    running.set(name, { child, tail, exited });
    return { name, exited, tail };
  }

  /**
   * Sends `signal` to each child's own pid (tsx relays it to the script it runs), then after
   * `graceMs` kills whole process groups, tsx's child included.
   * @returns true when every child exited within the grace period.
   */
  async function stopAll(signal = 'SIGTERM', graceMs = 10_000) {
    const entries = [...running.values()];
    for (const { child } of entries) safeKill(child.pid, signal);
    let timer;
    const inTime = await Promise.race([Promise.all(entries.map((e) => e.exited)).then(() => true), new Promise((resolve) => (timer = setTimeout(resolve, graceMs, false)))]);
    clearTimeout(timer);
    if (!inTime) killAll();
    return inTime;
  }

  function killAll() {
    for (const [name, { child }] of running) {
      log(`${name} did not stop; killing it`);
      if (child.pid) safeKill(-child.pid, 'SIGKILL');
    }
  }

  return {
    spawnChild,
    stopAll,
    killAll,
    /** Called with (name, exitCode) whenever a child exits. */
    onExit: (fn) => listeners.add(fn),
  };
}

function safeKill(pid, signal) {
  if (!pid) return;
  try {
    process.kill(pid, signal);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err; // already gone
  }
}

function signalNumber(signal) {
  return (signal && constants.signals[signal]) || 0;
}
