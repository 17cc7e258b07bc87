import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_QUEUE, createQueueCounts } from '@huiyin/timers';
import { openTestBackend } from '../support/queue-backend.ts';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { sharedDatabaseUrl, sharedRedisPrefix } from '../support/run-scope.ts';

// GET /metrics in Prometheus text (README, operations): for admins or a scraper's address, with
// request latency, issue commands by outcome, the outbox, the queues and the database pool.

let api: TestApi;
let d: SmallDistrict;
const backend = await openTestBackend(sharedRedisPrefix(), sharedDatabaseUrl());
const queues = createQueueCounts(backend, [CLOCK_QUEUE]);

beforeAll(async () => {
  // The scraper's address is another one: requests made here come from 127.0.0.1.
  api = await startApi({ METRICS_ALLOW: '10.9.8.7' }, { queueCounts: queues.counts, boardQueues: queues.queues });
  d = await createDistrict(api.db);
});
afterAll(async () => {
  await api.close();
  await queues.close();
  await backend.close();
});

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (want.every((w) => line.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics', () => {
  it('is for admins (or METRICS_ALLOW): 403 to anyone else', async () => {
    expect((await api.call(null, 'GET', '/metrics')).statusCode).toBe(403);
    const handler = await api.login(d.people.handlerA.login);
    expect((await api.call(handler, 'GET', '/metrics')).statusCode).toBe(403);
    const admin = await api.login(d.people.admin.login);
    const res = await api.call(admin, 'GET', '/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
  });

  it('counts filings and commands by outcome and times requests by route', async () => {
    const admin = await api.login(d.people.admin.login);
    const read = async () => (await api.call(admin, 'GET', '/metrics')).body;
    const before = await read();
    const ent = await api.login(d.entA.login);
    const filed = await api.call(ent, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title: '指标测试', description: '计数' });
    expect(filed.statusCode).toBe(201);
    const id = (filed.json() as { id: string }).id;
    const handler = await api.login(d.people.handlerA.login);
    // Not dispatched to the handler's unit yet: the claim is refused (4xx).
    const claim = await api.call(handler, 'POST', `/api/v1/issues/${id}/claim`, {});
    expect(Math.floor(claim.statusCode / 100)).toBe(4);
    const after = await read();
    const delta = (name: string, labels: Record<string, string>) => (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    expect(delta('huiyin_issue_commands_total', { command: 'file', outcome: 'ok' })).toBe(1);
    expect(delta('huiyin_issue_commands_total', { command: 'claim', outcome: 'refused' })).toBe(1);
    expect(delta('huiyin_http_request_duration_seconds_count', { route: '/api/v1/issues', method: 'POST', status: '201' })).toBe(1);
    expect(sample(after, 'huiyin_http_request_duration_seconds_bucket', { route: '/api/v1/issues/:id/claim', le: '+Inf' })).toBeGreaterThanOrEqual(1);
  });

  it('reads the outbox, the queues and the database pool at each scrape', async () => {
    const admin = await api.login(d.people.admin.login);
    const text = (await api.call(admin, 'GET', '/metrics')).body;
    // Other files' processes deliver from the same outbox meanwhile: the figures are read, not pinned.
    expect(sample(text, 'huiyin_outbox_backlog')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'huiyin_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    for (const state of ['waiting', 'delayed', 'active', 'failed']) expect(sample(text, 'huiyin_queue_jobs', { queue: 'clock-steps', state })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'huiyin_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it("reads the pool before the scrape's own queries ask it for connections: none waiting on an idle API", async () => {
    const admin = await api.login(d.people.admin.login);
    // The first scrape leaves idle connections, which the next one's queries queue for.
    for (let n = 0; n < 3; n++) {
      const text = (await api.call(admin, 'GET', '/metrics')).body;
      expect(sample(text, 'huiyin_db_pool_connections', { state: 'waiting' })).toBe(0);
    }
  });
});

describe('the queue board (bull-board) at /admin/queues', () => {
  it('shows admins the timer queue, and refuses everyone else', async () => {
    const admin = await api.login(d.people.admin.login);
    const page = await api.call(admin, 'GET', '/admin/queues');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const listed = await api.call(admin, 'GET', '/admin/queues/api/queues');
    expect(listed.statusCode, listed.body).toBe(200);
    // Named without the run's prefix, which the PostgreSQL backend puts in the queue's own name.
    expect((listed.json() as { queues: Array<{ displayName: string }> }).queues.map((q) => q.displayName)).toEqual([CLOCK_QUEUE]);
    const handler = await api.login(d.people.handlerA.login);
    for (const [token, url] of [
      [null, '/admin/queues'],
      [handler, '/admin/queues'],
      [handler, '/admin/queues/api/queues'],
    ] as const) {
      expect((await api.call(token, 'GET', url)).statusCode, url).toBe(403);
    }
  });
});
