/**
 * `pnpm drill [name ...]`: runs the full version of each named drill (all when none is named)
 * against real processes, prints what each found, and exits 1 if any failed. The test suite runs
 * the short version of each (test/drills/*.test.ts).
 */
import type { Drill } from './support/drill.ts';
import { authorisationMatrixDrill } from './authorisation-matrix.ts';
import { claimRaceDrill } from './claim-race.ts';
import { databaseLossDrill } from './database-loss.ts';
import { endpointFuzzDrill } from './endpoint-fuzz.ts';
import { ledgerChainDrill } from './ledger-chain.ts';
import { redisLossDrill } from './redis-loss.ts';
import { scaleOutDrill } from './scale-out.ts';
import { smtpOutageDrill } from './smtp-outage.ts';
import { soakDrill } from './soak.ts';
import { workerKillDrill } from './worker-kill.ts';

const DRILLS: Drill[] = [workerKillDrill, redisLossDrill, databaseLossDrill, smtpOutageDrill, claimRaceDrill, endpointFuzzDrill, authorisationMatrixDrill, ledgerChainDrill, soakDrill, scaleOutDrill];

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !DRILLS.some((d) => d.name === name));
if (unknown.length > 0) {
  console.error(`unknown drill ${unknown.join(', ')}; choose from ${DRILLS.map((d) => d.name).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const drill of DRILLS.filter((d) => asked.length === 0 || asked.includes(d.name))) {
  console.log(`\n## drill ${drill.name}: ${drill.promise}`);
  const started = Date.now();
  try {
    const report = await drill.run('full');
    console.log(report.summary);
    // The first few say what broke; a flood of the same one would bury the summary.
    for (const failure of report.failures.slice(0, 20)) console.log(`  FAILED: ${failure}`);
    if (report.failures.length > 20) console.log(`  … and ${report.failures.length - 20} more failures`);
    console.log(`${report.failures.length === 0 ? 'PASSED' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (report.failures.length > 0) failed++;
  } catch (err) {
    console.log(`  FAILED: ${(err as Error).stack ?? String(err)}`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
