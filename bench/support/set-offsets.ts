import type { Redis } from 'ioredis';
import type { TimerRequest } from '@huiyin/engine';
import { instantJobId, instantOf } from '@huiyin/timers';

/**
 * How much later than its due time each timer was set to fire: BullMQ fires a delayed job at
 * its `timestamp + delay`, so this is that sum less the request's `at`, read back from the job
 * hashes right after `schedule()` (before any is due): the instant's rounding (up to a tenth of
 * a second) and the time the job took to be added. `setAt`: when schedule() was called. A step
 * set within `NEAR_MS` of its due time has a job with no fixed id, not found here.
 */
export async function setOffsets(redis: Redis, prefix: string, queue: string, requests: readonly TimerRequest[], setAt: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < requests.length; i += 1000) {
    const page = requests.slice(i, i + 1000);
    const pipe = redis.pipeline();
    for (const r of page) pipe.hmget(`${prefix}:${queue}:${instantJobId(instantOf(r.at.getTime(), setAt))}`, 'timestamp', 'delay');
    const replies = (await pipe.exec()) ?? [];
    page.forEach((r, j) => {
      const [timestamp, delay] = (replies[j]?.[1] ?? []) as Array<string | null>;
      if (timestamp != null && delay != null) out.push(Number(timestamp) + Number(delay) - r.at.getTime());
    });
  }
  return out;
}
