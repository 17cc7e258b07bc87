// `pnpm test`: install, type-check, lint (Biome, dependency-cruiser, knip), then the vitest suite on Redis, then its timer,
// worker and drill suites again with timers on BullMQ's PostgreSQL backend. Extra arguments go to vitest and run once,
// on TIMERS_BACKEND's backend (`pnpm test services/mailsink -t parses`); reporter options go to both runs. Exits with the first failing step's code.
// Node built-ins only: this runs before `pnpm install` has put anything in node_modules.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import path from 'node:path';
import { assertNodeVersion } from './lib/node-version.mjs';
import { pnpmCommand } from './lib/pnpm.mjs';

assertNodeVersion();
const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
// pnpm passes a literal `--` through to scripts; vitest would take what follows as file filters anyway.
const vitestArgs = process.argv.slice(2);
if (vitestArgs[0] === '--') vitestArgs.shift();

let current;
let interrupted;
for (const signal of ['SIGINT', 'SIGTERM']) {
  // Forward, then let the step's exit end us: a CI runner's SIGTERM must not orphan vitest.
  process.on(signal, () => {
    interrupted = signal;
    current?.kill(signal);
  });
}

/** The suites that run timers, workers or the queue backend itself: `pnpm test` runs them on both backends (TIMERS_BACKEND). */
const ON_BOTH_BACKENDS = [
  'test/e2e/add-jobs.test.ts',
  'test/e2e/timers.test.ts',
  'test/e2e/timer-batches.test.ts',
  'test/e2e/timer-failures.test.ts',
  'test/e2e/project-clocks.test.ts',
  'test/e2e/calendar-import.test.ts',
  'test/e2e/metrics.test.ts',
  'test/e2e/reports-schedule.test.ts',
  'test/e2e/worker-processes.test.ts',
  'test/drills/worker-kill.test.ts',
  'test/drills/smtp-outage.test.ts',
  'test/drills/database-loss.test.ts',
  'test/browser/board-escalation.test.ts',
  'test/browser/queue-board.test.ts',
];

const steps = [
  ['install', ...pnpmCommand(), 'install', '--frozen-lockfile'],
  ['typecheck', bin('tsc'), '-p', 'tsconfig.json', '--noEmit'],
  // The console has its own tsconfig (DOM, JSX); the root one excludes it.
  ['typecheck web', bin('tsc'), '-p', 'services/web/tsconfig.json', '--noEmit'],
  // The shape (ARCHITECTURE.md): formatting and lint, the layer rules and no import cycle, no unused code.
  ['biome', bin('biome'), 'ci', '.'],
  ['dependency rules', bin('depcruise'), '--config', '.dependency-cruiser.cjs', 'packages', 'workflows', 'services', 'test', 'bench'],
  ['knip', bin('knip')],
  ['vitest', bin('vitest'), 'run', ...vitestArgs],
];
// File filters or a test name (`pnpm test services/mailsink -t parses`) run once; reporter options
// (CI's) apply to both runs, but only the first writes a report file.
const filtered = vitestArgs.some((a) => !a.startsWith('-') || a === '-t' || a.startsWith('--testNamePattern'));
const secondArgs = vitestArgs.filter((a) => !a.startsWith('--outputFile') && a !== '--reporter=json');
if (!filtered) steps.push(['vitest, timers on PostgreSQL', bin('vitest'), 'run', ...secondArgs, ...ON_BOTH_BACKENDS]);
for (const [name, command, ...args] of steps) {
  console.error(`[test] ${name}`);
  const code = await run(command, args, name === 'vitest' ? (filtered ? {} : { TIMERS_BACKEND: 'redis' }) : name.endsWith('on PostgreSQL') ? { TIMERS_BACKEND: 'postgres' } : {});
  if (interrupted) process.exit(128 + constants.signals[interrupted]);
  if (code !== 0) {
    console.error(`[test] ${name} failed with exit code ${code}`);
    process.exit(code);
  }
}

function run(command, args, env) {
  return new Promise((resolve) => {
    current = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    current.on('error', (err) => {
      console.error(`[test] could not start ${command}: ${err.message}`);
      resolve(127);
    });
    current.on('exit', (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}
