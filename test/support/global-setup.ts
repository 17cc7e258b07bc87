import type { TestProject } from 'vitest/node';
import { dropDatabase, prepareDatabase } from '@huiyin/store';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisPrefix: string;
  }
}

/**
 * Each test run gets its own database and Redis key prefix, so runs never collide, and drops
 * the database when done. The server comes from TEST_DATABASE_URL (default: local PostgreSQL).
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const base = new URL(process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/huiyin_test_${runId}`;
  const databaseUrl = base.toString();
  await prepareDatabase(databaseUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('redisPrefix', `huiyin_test_${runId}`);
  return async () => {
    await dropDatabase(databaseUrl);
  };
}
