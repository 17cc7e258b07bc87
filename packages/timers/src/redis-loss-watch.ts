import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** The sentinel's key under the run's prefix: it goes wherever the prefix's timers go. */
export const sentinelKey = (prefix: string) => `${prefix}:huiyin:epoch`;

/** Why a rebuild runs: the sentinel vanished or changed under a live connection, or the connection came back. */
export type RedisLossReason = 'sentinel' | 'reconnected';

export type RedisLossWatch = {
  /** Writes the sentinel (or adopts the one already there) and starts checking it. */
  start(): Promise<void>;
  /** One check now; resolves once any rebuild it started is done. */
  check(reason?: RedisLossReason): Promise<void>;
  stop(): void;
};

/**
 * Notices that Redis lost this prefix's keys while the process runs (FLUSHALL, or a restart with
 * no persistence), which BullMQ does not: its delayed jobs and job schedulers are simply gone.
 *
 * A sentinel key holding an epoch (a random token) is written at start unless one is there, and
 * read every `intervalMs` and at once when the connection is ready again after a drop. A missing
 * sentinel means the keys are gone: this process writes a new epoch (or adopts the one another
 * process wrote first) and runs `rebuild`. An epoch other than the one this process knows means
 * another process noticed first — or started on the empty Redis and wrote its own — so this one
 * rebuilds as well. Several processes rebuilding at once is harmless: timers and schedulers have
 * fixed ids, and mails are delivered under their row lock. A rebuild that fails is tried again at
 * the next check.
 */
export function watchRedisLoss(
  redis: Redis,
  prefix: string,
  rebuild: (reason: RedisLossReason) => Promise<void>,
  options: { intervalMs?: number; onError?: (err: unknown) => void } = {},
): RedisLossWatch {
  const key = sentinelKey(prefix);
  const intervalMs = options.intervalMs ?? 1000;
  const onError = options.onError ?? (() => {});
  let known: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again: RedisLossReason | null = null;
  let stopped = false;

  /** The epoch now in force: ours if none was there, else the one another process wrote. */
  const claim = async (): Promise<string | null> => {
    await redis.set(key, randomUUID(), 'NX');
    return redis.get(key);
  };

  const once = async (reason: RedisLossReason) => {
    const seen = await redis.get(key);
    if (seen !== null && seen === known) return;
    known = await claim();
    try {
      await rebuild(seen === null ? reason : 'sentinel');
    } catch (err) {
      // Forget the epoch, so the next check rebuilds again.
      known = null;
      throw err;
    }
  };

  const check = (reason: RedisLossReason = 'sentinel'): Promise<void> => {
    if (running) {
      // A check already in flight may have read the key before the loss: run one more after it.
      again = reason;
      return running;
    }
    running = (async () => {
      try {
        await once(reason);
        while (again && !stopped) {
          const next: RedisLossReason = again;
          again = null;
          await once(next);
        }
      } catch (err) {
        onError(err);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const onReady = () => void check('reconnected');
  const tick = () => {
    timer = setTimeout(() => void check().finally(() => !stopped && tick()), intervalMs);
    timer.unref();
  };

  return {
    async start() {
      known = await claim();
      redis.on('ready', onReady);
      tick();
    },
    check,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      redis.off('ready', onReady);
    },
  };
}
