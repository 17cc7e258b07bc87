import type { Config } from '@huiyin/config';
import type { Db } from '@huiyin/store';
import { createCalendarFromDb, type EngineDeps } from '@huiyin/engine';
import { createClockTimers, createRedis, withDeadline } from '@huiyin/timers';

/** The engine's ports for one CLI command, and how to let them go. */
export type OpenEngine = () => Promise<{ deps: EngineDeps & { refreshCalendar: () => Promise<void> }; close(): Promise<void> }>;

/**
 * The CLI's engine: the database's calendar (reloaded after a declaration) and the clock timers
 * in Redis, given five seconds: should Redis be away, the worker's reconciler sets them.
 */
export function openEngine(db: Db, config: Config): OpenEngine {
  return async () => {
    const calendar = await createCalendarFromDb(db, { workingPeriods: config.workingPeriods });
    const redis = createRedis(config.redisUrl);
    redis.on('error', () => {});
    const port = createClockTimers(redis, config.redisPrefix);
    const log = { warn: (obj: Record<string, unknown>) => console.error(`timers not set now (${(obj['err'] as Error | undefined)?.message ?? 'unknown'}); the worker's reconciler sets them`) };
    return {
      deps: { db, calendar, clock: () => new Date(), timers: withDeadline(port, 5000), log, refreshCalendar: () => calendar.refresh() },
      async close() {
        await port.close();
        redis.disconnect();
      },
    };
  };
}

/** Runs `work` with an engine opened for it, closed afterwards whatever happens. */
export async function withEngine<T>(open: OpenEngine, work: (deps: Awaited<ReturnType<OpenEngine>>['deps']) => Promise<T>): Promise<T> {
  const engine = await open();
  try {
    return await work(engine.deps);
  } finally {
    await engine.close();
  }
}
