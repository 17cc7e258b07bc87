import type { Config } from '@huiyin/config';
import type { Db } from '@huiyin/store';
import { createCalendarFromDb, type EngineDeps } from '@huiyin/engine';
import { openQueueBackend } from '@huiyin/queues';
import { createClockTimers, withDeadline } from '@huiyin/timers';

/** The engine's ports for one CLI command, and how to let them go. */
export type OpenEngine = () => Promise<{ deps: EngineDeps & { refreshCalendar: () => Promise<void> }; close(): Promise<void> }>;

/**
 * The CLI's engine: the database's calendar (reloaded after a declaration) and the clock timers
 * (on Redis or PostgreSQL), given five seconds: should the backend be away, the worker's reconciler sets them.
 */
export function openEngine(db: Db, config: Config): OpenEngine {
  return async () => {
    const calendar = await createCalendarFromDb(db, { workingPeriods: config.workingPeriods });
    const backend = await openQueueBackend({ kind: config.timersBackend, redisUrl: config.redisUrl, databaseUrl: config.databaseUrl, prefix: config.redisPrefix, poolSize: 2 });
    const port = createClockTimers(backend);
    const log = { warn: (obj: Record<string, unknown>) => console.error(`timers not set now (${(obj['err'] as Error | undefined)?.message ?? 'unknown'}); the worker's reconciler sets them`) };
    return {
      deps: { db, calendar, clock: () => new Date(), timers: withDeadline(port, 5000), log, refreshCalendar: () => calendar.refresh() },
      async close() {
        await port.close();
        await backend.close();
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
