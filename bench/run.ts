/**
 * `pnpm bench [filing|timers ...]`: runs the benchmarks one after the other, each in a process of
 * its own (so one's pools, heap and JIT do not colour the next), all of them when none is named.
 * Each prints its table and writes its JSON under bench/results/. Size knobs: see bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES: Record<string, string> = { filing: 'filing-at-scale.ts', timers: 'timers.ts', reads: 'reads-at-scale.ts', 'filing-profile': 'filing-profile.ts' };
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
for (const name of asked.length > 0 ? asked : Object.keys(BENCHES)) {
  const file = fileURLToPath(new URL(BENCHES[name] ?? '', import.meta.url));
  console.log(`\n## ${name} (${new Date().toISOString()})`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`${name} failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
}
