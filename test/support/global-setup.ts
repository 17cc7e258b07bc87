import type { TestProject } from 'vitest/node';
import { closeToSessions, copyDatabase, dropDatabase, prepareDatabase } from '@huiyin/store';
import { poolDatabaseUrl } from './run-scope.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's migrated database, closed to sessions: each worker of the run works in a copy (run-scope.ts). */
    templateDatabaseUrl: string;
    redisPrefix: string;
  }
}

/**
 * Each test run gets its own databases and Redis key prefix, so runs never collide, and drops the
 * databases when done. Test files run side by side, one per vitest worker: each worker has a copy
 * of the run's migrated database, so that no file's workers and whole-table reads see another
 * file's rows while it runs. The server comes from TEST_DATABASE_URL (default: local PostgreSQL).
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const base = new URL(process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/huiyin_test_${runId}`;
  const template = base.toString();
  const workers = project.vitest.config.maxWorkers;
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`vitest's maxWorkers is ${workers}: set it (vitest.config.ts), one database is copied per worker`);
  const copies = Array.from({ length: workers }, (_, i) => poolDatabaseUrl(template, i + 1));
  const dropAll = async () => {
    for (const url of [...copies, template]) await dropDatabase(url);
  };
  try {
    await prepareDatabase(template);
    // Copying needs a database no one is connected to; a stray connection would fail a copy far from its cause.
    await closeToSessions(template);
    for (const copy of copies) await copyDatabase(template, copy);
  } catch (e) {
    await dropAll().catch(() => undefined);
    throw e;
  }
  project.provide('templateDatabaseUrl', template);
  project.provide('redisPrefix', `huiyin_test_${runId}`);
  return dropAll;
}
