#!/usr/bin/env node
// `huiyin api | worker | mailsink | <command>` in production: the compiled services (`pnpm build`
// first), one process each, so any number of APIs and workers run against the same PostgreSQL
// and Redis. Any other command is the CLI's (`huiyin migrate`, `huiyin seed --if-empty`, …).
// Node built-ins only.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const SERVICES = { api: 'services/api/dist/main.mjs', worker: 'services/worker/dist/main.mjs', mailsink: 'services/mailsink/dist/main.mjs' };
const command = process.argv[2] ?? '';
const entry = path.join(root, SERVICES[command] ?? 'services/cli/dist/main.mjs');
if (!existsSync(entry)) {
  console.error(`${path.relative(root, entry)} is missing: run \`pnpm build\` first (or \`pnpm huiyin …\` to run from source with tsx)`);
  process.exit(1);
}
// Stack traces point into the TypeScript sources (the bundles carry source maps).
process.setSourceMapsEnabled(true);
// A service takes no arguments; the CLI reads its command where it always does (argv[2]).
if (command in SERVICES) process.argv.splice(2, 1);
await import(pathToFileURL(entry).href);
