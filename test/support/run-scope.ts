import { inject } from 'vitest';

/** A database of the run's beside its template, on the same server: `<run>_<suffix>`. */
export function runDatabaseUrl(templateUrl: string, suffix: string): string {
  const url = new URL(templateUrl);
  url.pathname = `${url.pathname}_${suffix}`;
  return url.toString();
}

/** The copy of the run's database that vitest worker `pool` works in (`<run>_w<pool>`). */
export const poolDatabaseUrl = (templateUrl: string, pool: number): string => runDatabaseUrl(templateUrl, `w${pool}`);

/** Which vitest worker runs this file (1 … maxWorkers): the files it runs come one after another. */
function pool(): number {
  const id = Number(process.env['VITEST_POOL_ID'] ?? '1');
  return Number.isInteger(id) && id > 0 ? id : 1;
}

/**
 * The database this test file shares with the files its vitest worker runs before and after it,
 * never with a file running at the same time (global-setup.ts).
 */
export function sharedDatabaseUrl(): string {
  return poolDatabaseUrl(inject('templateDatabaseUrl'), pool());
}

/** The Redis key prefix this file shares as it shares its database. */
export function sharedRedisPrefix(): string {
  return `${inject('redisPrefix')}_w${pool()}`;
}
