import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '@huiyin/queues';
import { sentinelKey, watchRedisLoss, type RedisLossReason, type RedisLossWatch } from './redis-loss-watch.ts';

// The shared Redis, under a prefix of this file's own: only the sentinel key is ever deleted.
const redis = createRedis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
const watches: RedisLossWatch[] = [];
afterAll(async () => {
  for (const w of watches) w.stop();
  redis.disconnect();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A watch that records its rebuilds. */
async function watching(prefix: string) {
  const rebuilds: RedisLossReason[] = [];
  const w = watchRedisLoss(redis, prefix, async (reason) => void rebuilds.push(reason), { intervalMs: 100 });
  watches.push(w);
  await w.start();
  return { w, rebuilds };
}

describe('the Redis-loss watch', () => {
  it('rebuilds nothing while the sentinel stays, and once per process when it vanishes', async () => {
    const prefix = `watch_${randomUUID()}`;
    const [a, b] = [await watching(prefix), await watching(prefix)];
    // A few checks of their own (every 100 ms), then one more each, run to its end.
    await sleep(350);
    await Promise.all([a.w.check(), b.w.check()]);
    expect([a.rebuilds, b.rebuilds]).toEqual([[], []]);
    await redis.del(sentinelKey(prefix));
    // Noticed by each watch's own checks: waited for, as a loaded machine may take longer than
    // the fixed 400 ms that a quiet one needs.
    for (const end = Date.now() + 20_000; (a.rebuilds.length === 0 || b.rebuilds.length === 0) && Date.now() < end; ) await sleep(20);
    expect([a.rebuilds.length, b.rebuilds.length]).toEqual([1, 1]);
    // Once: the checks after it, run to their end, rebuild nothing more.
    await sleep(300);
    await Promise.all([a.w.check(), b.w.check()]);
    expect([a.rebuilds.length, b.rebuilds.length]).toEqual([1, 1]);
    await redis.del(sentinelKey(prefix));
  }, 60_000);

  it('rebuilds when a process started on the emptied Redis wrote its own epoch before this one looked', async () => {
    const prefix = `watch_${randomUUID()}`;
    const old = await watching(prefix);
    old.w.stop();
    await redis.del(sentinelKey(prefix));
    // A fresh process writes a new epoch at start: the old one must still see the loss.
    await watching(prefix);
    await old.w.check();
    expect(old.rebuilds).toEqual(['sentinel']);
    await redis.del(sentinelKey(prefix));
  });

  it('tries a failed rebuild again at the next check', async () => {
    const prefix = `watch_${randomUUID()}`;
    let calls = 0;
    const errors: unknown[] = [];
    const w = watchRedisLoss(
      redis,
      prefix,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('PostgreSQL away');
      },
      { intervalMs: 60_000, onError: (e) => errors.push(e) },
    );
    watches.push(w);
    await w.start();
    await redis.del(sentinelKey(prefix));
    await w.check();
    expect([calls, errors.length]).toEqual([1, 1]);
    await w.check();
    await w.check();
    expect(calls).toBe(2);
    await redis.del(sentinelKey(prefix));
  });
});
