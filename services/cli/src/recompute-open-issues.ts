import type { Config } from '@huiyin/config';
import { type Db } from '@huiyin/store';
import { createCalendarFromDb, recomputeOpenClocks } from '@huiyin/engine';
import { createClockTimers, createRedis, withDeadline } from '@huiyin/timers';
import type { RecomputeAfterImport } from './calendar-command.ts';

/**
 * After `calendar import`: every open issue's due times under the days just declared, and their
 * timers set in Redis. Should Redis be away, the worker's reconciler sets them within minutes.
 */
export function recomputeOpenIssues(db: Db, config: Config): RecomputeAfterImport {
  return async () => {
    const calendar = await createCalendarFromDb(db, { workingPeriods: config.workingPeriods });
    const { timers, ...counts } = await recomputeOpenClocks({ db, calendar, now: () => new Date() }, { reason: 'calendar' });
    const redis = createRedis(config.redisUrl);
    redis.on('error', () => {});
    const port = createClockTimers(redis, config.redisPrefix);
    try {
      await withDeadline(port, 5000).schedule(timers);
    } catch (err) {
      console.error(`timers not set now (${(err as Error).message}); the worker's reconciler sets them`);
    } finally {
      await port.close();
      redis.disconnect();
    }
    return counts;
  };
}
