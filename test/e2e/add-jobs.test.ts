import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addJobs, FEW_JOBS, type JobQueue, type QueueBackend } from '@huiyin/queues';
import { ownDatabase } from '../support/own-database.ts';
import { loseQueueData, openTestBackend, TIMERS_BACKEND } from '../support/queue-backend.ts';
import { sharedRedisPrefix } from '../support/run-scope.ts';

let own: Awaited<ReturnType<typeof ownDatabase>>;
let backend: QueueBackend;
let queue: JobQueue<number>;
const prefix = `${sharedRedisPrefix()}_addjobs`;

beforeAll(async () => {
  own = await ownDatabase('add_jobs');
  backend = await openTestBackend(prefix, own.url);
  queue = backend.queue<number>('added');
}, 60_000);

afterAll(async () => {
  await queue.close();
  await loseQueueData(prefix, own.url);
  await backend.close();
  await own.drop();
});

/** The delayed jobs' ids with their data, and when each fires (ms after it was added). */
async function delayed(): Promise<Map<string, { data: number; delay: number }>> {
  const jobs = await queue.getDelayed(0, -1);
  return new Map(jobs.map((j) => [j.id ?? '', { data: j.data, delay: j.delay }]));
}

describe(`adding jobs on ${TIMERS_BACKEND}`, () => {
  it('adds a few jobs one by one and many in bulk, each id once, with its data and delay', async () => {
    const job = (id: string, data: number) => ({ name: 'drain', data, opts: { jobId: id, delay: 600_000 + data } });
    const few = Array.from({ length: FEW_JOBS - 1 }, (_, k) => job(`f${k}`, k));
    const many = Array.from({ length: FEW_JOBS }, (_, k) => job(`m${k}`, 100 + k));
    const single = vi.spyOn(queue, 'add');
    const bulk = vi.spyOn(queue, 'addBulk');
    await addJobs(queue, few);
    expect([single.mock.calls.length, bulk.mock.calls.length]).toEqual([FEW_JOBS - 1, 0]);
    await addJobs(queue, many);
    expect([single.mock.calls.length, bulk.mock.calls.length]).toEqual([FEW_JOBS - 1, 1]);
    single.mockRestore();
    bulk.mockRestore();
    // The same ids again, by either way: each is kept once, as first added.
    await addJobs(queue, [job('f0', 50), job('m0', 60)]);
    await addJobs(queue, [...many.slice(0, FEW_JOBS), job('f1', 70)]);
    await addJobs(queue, []);
    const seen = await delayed();
    expect([...seen.keys()].sort()).toEqual([...few, ...many].map((j) => j.opts.jobId).sort());
    for (const j of [...few, ...many]) expect(seen.get(j.opts.jobId), j.opts.jobId).toEqual({ data: j.data, delay: j.opts.delay });
  });
});
