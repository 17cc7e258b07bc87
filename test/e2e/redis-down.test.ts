import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueueBackend, type QueueBackend } from '@huiyin/queues';
import { createClockTimers, withDeadline } from '@huiyin/timers';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';

let api: TestApi;
let d: SmallDistrict;
let deadRedis: QueueBackend;
let timers: ReturnType<typeof createClockTimers>;

beforeAll(async () => {
  // Nothing listens on port 9: ioredis keeps retrying and queues every command meanwhile.
  deadRedis = await openQueueBackend({ kind: 'redis', redisUrl: 'redis://127.0.0.1:9', databaseUrl: '', prefix: 'redis_down' });
  timers = createClockTimers(deadRedis);
  api = await startApi({}, { timers: withDeadline(timers, 300) });
  d = await createDistrict(api.db);
});
afterAll(async () => {
  await api.close();
  await deadRedis.close();
});

describe('with Redis down', () => {
  it('still commits a dispatch and answers at once; the clocks wait in PostgreSQL for the reconciler', async () => {
    const ent = await api.login(d.entA.login);
    const dispatcher = await api.login(d.people.dispatcher.login);
    const filed = await api.call(ent, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title: 'Redis 故障时派单', description: '时限仍记在 PostgreSQL' });
    const id = (filed.json() as { id: string }).id;
    expect((await api.call(dispatcher, 'POST', `/api/v1/issues/${id}/list`, {})).statusCode).toBe(200);
    // Redis never answers here (ioredis queues the command for as long as it is down), so any
    // answer at all is one that did not wait for it: a request that waited would never come back
    // (the test's timeout). The bound is a ceiling, not a latency target: 2 s can be exceeded on
    // a loaded machine by the dispatch's own statements.
    const started = Date.now();
    const res = await api.call(dispatcher, 'POST', `/api/v1/issues/${id}/dispatch`, {});
    expect(res.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(20_000);
    // The listing clock stopped at the dispatch; the unit's two run.
    const clocks = await api.db.selectFrom('clocks').select(['kind', 'status', 'next_step_at']).where('issue_id', '=', id).where('status', '<>', 'stopped').execute();
    expect(clocks.map((c) => c.kind).sort()).toEqual(['claim', 'handling']);
    expect(clocks.every((c) => c.status === 'running' && c.next_step_at !== null)).toBe(true);
  });
});
