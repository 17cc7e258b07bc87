import type { QueueBackend } from '@huiyin/queues';
import { createClockTimers } from '@huiyin/timers';
import { startApi, type TestApi } from './api.ts';
import { createDistrict, type SmallDistrict } from './district.ts';

/** What {@link startTimedDistrict} started: the timers, the API on them, the district and two sign-ins. */
export type TimedDistrict = { timers: ReturnType<typeof createClockTimers>; api: TestApi; d: SmallDistrict; ent: string; dispatcher: string };

/**
 * Timers on `backend` (under its prefix), the API scheduling on them over `databaseUrl`, and a small
 * district whose category runs `policy` with limits of seconds (claim `claimSeconds`, handling
 * `handlingSeconds`) so that a whole track passes within a test; `ent` and `dispatcher` are the
 * tokens of enterprise A and the dispatcher. Each close is pushed on `cleanups`, which the test
 * file runs last-first in its afterAll.
 */
export async function startTimedDistrict(options: {
  databaseUrl: string;
  backend: QueueBackend;
  policy: object;
  claimSeconds: number;
  handlingSeconds: number;
  /** The API's pool size (DATABASE_POOL_MAX), where several districts share the server's connections. */
  poolMax?: number;
  cleanups: Array<() => Promise<unknown>>;
}): Promise<TimedDistrict> {
  const { cleanups } = options;
  const timers = createClockTimers(options.backend);
  cleanups.push(() => timers.close());
  const api = await startApi({ DATABASE_URL: options.databaseUrl, ...(options.poolMax ? { DATABASE_POOL_MAX: String(options.poolMax) } : {}) }, { timers });
  cleanups.push(() => api.close());
  const d = await createDistrict(api.db);
  const seconds = (amount: number) => JSON.stringify({ amount, unit: 'seconds' });
  await api.db
    .updateTable('categories')
    .set({ track_policy: JSON.stringify(options.policy), claim_limit: seconds(options.claimSeconds), handling_limit: seconds(options.handlingSeconds) })
    .where('id', '=', d.categoryId)
    .execute();
  const [ent, dispatcher] = await Promise.all([api.login(d.entA.login), api.login(d.people.dispatcher.login)]);
  return { timers, api, d, ent, dispatcher };
}
