import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobQueue, QueueBackend } from '@huiyin/queues';
import { bytesUnder, usedMemory, type RedisBytes } from './redis-bytes.ts';
import { spreadOf, type Spread } from './quantiles.ts';

/**
 * The bare substrate of the clock timers: a BullMQ delayed job carrying only its due time
 * (`{ at }`, auto id, no options), and a worker with a trivial processor at the concurrency the
 * clock worker uses, on either timer backend. Each measure gets its own queue under the
 * backend's prefix and obliterates it after.
 */
const QUEUE = 'bare';
const CONCURRENCY = 16;
type BareJob = { at: number };

async function withQueue<T>(backend: QueueBackend, work: (queue: JobQueue<BareJob>) => Promise<T>): Promise<T> {
  const queue = backend.queue<BareJob>(QUEUE);
  try {
    return await work(queue);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

/** Adds the jobs in addBulk pages of 1000, as the clock timers do. */
async function addAll(queue: JobQueue<BareJob>, dueTimes: readonly number[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < dueTimes.length; i += 1000) {
    const now = Date.now();
    await queue.addBulk(dueTimes.slice(i, i + 1000).map((at) => ({ name: 'bare', data: { at }, opts: { delay: Math.max(0, at - now) } })));
  }
  return (performance.now() - started) / 1000;
}

/** Runs a trivial worker until `count` jobs are done; returns each job's lateness and end time. */
async function runWorker(backend: QueueBackend, count: number, timeoutMs: number, arm: () => Promise<void>) {
  const lateness: number[] = [];
  let lastDone = 0;
  const worker = backend.worker<BareJob>(
    QUEUE,
    async (job) => {
      lateness.push(Date.now() - job.data.at);
    },
    { concurrency: CONCURRENCY },
  );
  worker.on('completed', () => {
    lastDone = Date.now();
  });
  await worker.waitUntilReady();
  await arm();
  const end = Date.now() + timeoutMs;
  while (lateness.length < count && Date.now() < end) await sleep(50);
  await worker.close();
  return { lateness, lastDone };
}

export type BareBytes = { jobs: number; addSeconds: number; addPerSecond: number; bytesPerJob: number; infoBytesPerJob: number; keys: RedisBytes };

/** Redis bytes per bare delayed job, and how fast `jobs` of them are added (a Redis backend). */
export function bareBytes(backend: QueueBackend, jobs: number): Promise<BareBytes> {
  const redis = backend.redis;
  if (!redis) throw new Error('bareBytes measures Redis');
  const prefix = backend.prefix;
  return withQueue(backend, async (queue) => {
    await queue.waitUntilReady();
    const before = await usedMemory(redis);
    const hour = Date.now() + 3600_000;
    const addSeconds = await addAll(
      queue,
      Array.from({ length: jobs }, () => hour + Math.floor(Math.random() * 86_400_000)),
    );
    const after = await usedMemory(redis);
    const keys = await bytesUnder(redis, prefix, QUEUE);
    return { jobs, addSeconds, addPerSecond: jobs / addSeconds, bytesPerJob: keys.bytes / jobs, infoBytesPerJob: (after - before) / jobs, keys };
  });
}

export type BareLateness = Spread & { jobs: number; windowSeconds: number };

/** Lateness (processed − due) of `jobs` bare jobs due at random times over a window. */
export function bareLateness(backend: QueueBackend, jobs: number, windowMs: number, leadMs: number): Promise<BareLateness> {
  return withQueue(backend, async (queue) => {
    const start = Date.now() + leadMs;
    const due = Array.from({ length: jobs }, () => start + Math.floor(Math.random() * windowMs));
    const { lateness } = await runWorker(backend, jobs, leadMs + windowMs + 60_000, async () => {
      await addAll(queue, due);
    });
    return { ...spreadOf(lateness), jobs, windowSeconds: windowMs / 1000 };
  });
}

export type BareBurst = { jobs: number; done: number; seconds: number; perSecond: number; lateness: Spread; armedLateMs: number };

/** `jobs` bare jobs due at one instant: seconds from that instant until the last is processed. */
export function bareBurst(backend: QueueBackend, jobs: number, leadMs: number, timeoutMs: number): Promise<BareBurst> {
  return withQueue(backend, async (queue) => {
    const at = Date.now() + leadMs;
    let armedAt = 0;
    const { lateness, lastDone } = await runWorker(backend, jobs, leadMs + timeoutMs, async () => {
      await addAll(
        queue,
        Array.from({ length: jobs }, () => at),
      );
      armedAt = Date.now();
    });
    const seconds = (lastDone - at) / 1000;
    return { jobs, done: lateness.length, seconds, perSecond: lateness.length / seconds, lateness: spreadOf(lateness), armedLateMs: Math.max(0, armedAt - at) };
  });
}
