import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';

const web = resolve(import.meta.dirname, '../../services/web');
const built = join(web, 'dist', 'index.html');

/** The newest modification time under a path (files and folders), in ms. */
function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** When the console's sources last changed, in ms. */
function sourcesChangedAt(): number {
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(web, p)).filter(existsSync);
  return Math.max(...sources.map(newest));
}

/** True when the console has no build, or a source is newer than the build. */
export function consoleIsStale(): boolean {
  return !existsSync(built) || sourcesChangedAt() > statSync(built).mtimeMs;
}

/**
 * Builds the web console (services/web/dist) once per run when it is missing or stale, so that
 * the browser tests drive the console the API really serves. A fresh build costs a few seconds.
 */
export default function setup() {
  if (!consoleIsStale()) return;
  // The build is as new as the sources it read, so an edit made while it runs still counts as newer.
  const sourcesAt = sourcesChangedAt();
  // Built aside and moved into place, so that another run serving the console meanwhile never
  // sees a half-written dist.
  const dist = join(web, 'dist');
  const fresh = join(web, `dist-${process.pid}`);
  const old = join(web, `dist-old-${process.pid}`);
  execFileSync(join(web, 'node_modules', '.bin', 'vite'), ['build', web, '--logLevel', 'warn', '--outDir', fresh, '--emptyOutDir'], {
    stdio: 'inherit',
    // vitest sets NODE_ENV=test, which would build React's development bundles.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(fresh, dist);
  utimesSync(built, new Date(), new Date(sourcesAt));
  rmSync(old, { recursive: true, force: true });
}
