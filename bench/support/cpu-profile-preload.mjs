/**
 * Preloaded into a process under a benchmark (`NODE_OPTIONS=--import …`, as `--cpu-prof` may not
 * go in NODE_OPTIONS): profiles its CPU from the start and writes the V8 profile to
 * `BENCH_CPU_PROF_FILE` on SIGUSR2.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const session = new Session();
session.connect();
session.post('Profiler.enable', () => session.post('Profiler.start'));
process.on('SIGUSR2', () => {
  session.post('Profiler.stop', (err, result) => {
    if (!err) writeFileSync(process.env['BENCH_CPU_PROF_FILE'] ?? `cpu-${process.pid}.cpuprofile`, JSON.stringify(result.profile));
  });
});
