import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `node scripts/build.mjs --services-only`: the compiled bundle of each service, as production
 * runs them (`scripts/huiyin.mjs api | worker`). Resolves with the exit code and what it wrote
 * to stderr (the bundles it made).
 */
export function buildServices(): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/build.mjs', '--services-only'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('close', (code) => resolve({ code, err }));
  });
}
