import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.ts';

// What a platform team's probes and log pipeline expect of the API (README, operations):
// `/ready` naming each backend, an `x-request-id` on every answer, and 404 for paths that are
// neither the API nor a page of the console.

let api: TestApi;
let redisUp = true;

beforeAll(async () => {
  // The timers' Redis as the API's main wires it, played by a check the test can fail.
  api = await startApi({}, { readiness: { redis: async () => (redisUp ? 'PONG' : Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }))) } });
});
afterAll(() => api.close());

describe('/ready', () => {
  it('answers 200 with each backend ok, and 503 naming the one that does not answer', async () => {
    const ok = await api.call(null, 'GET', '/ready');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('application/json');
    expect(ok.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
    redisUp = false;
    try {
      const down = await api.call(null, 'GET', '/ready');
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({ status: 'not_ready', checks: { database: 'ok', redis: 'connect ECONNREFUSED 127.0.0.1:6379' } });
    } finally {
      redisUp = true;
    }
    // /health is about the process and its database, not about Redis.
    expect((await api.call(null, 'GET', '/health')).json()).toEqual({ status: 'ok' });
  });
});

describe('x-request-id', () => {
  it("keeps a caller's plain id, makes one otherwise, and puts it on every answer, errors too", async () => {
    const given = await api.call(null, 'GET', '/health', undefined, { 'x-request-id': 'gw-7f3a.42' });
    expect(given.headers['x-request-id']).toBe('gw-7f3a.42');
    const made = await api.call(null, 'GET', '/health');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    for (const bad of ['has spaces in it', 'x'.repeat(129), '<script>']) {
      const res = await api.call(null, 'GET', '/health', undefined, { 'x-request-id': bad });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    const refused = await api.call(null, 'GET', '/api/v1/me', undefined, { 'x-request-id': 'trace-1' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['x-request-id']).toBe('trace-1');
  });
});

describe('paths that are neither the API nor a page of the console', () => {
  it('get a problem+json 404', async () => {
    for (const url of ['/wp-login.php', '/metricz', '/.env', '/ready/now']) {
      const res = await api.call(null, 'GET', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
  });
});

describe('the console before sign-in', () => {
  it('comes precompressed: the page and every asset it loads first weigh at most 500 KB with brotli, and gzip is there too', async () => {
    const page = await api.call(null, 'GET', '/login');
    expect(page.statusCode).toBe(200);
    const assets = [...page.body.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThan(2);
    let brotli = 0;
    let plain = 0;
    for (const url of assets) {
      const res = await api.call(null, 'GET', url, undefined, { 'accept-encoding': 'gzip, deflate, br' });
      expect(res.statusCode, url).toBe(200);
      const raw = await api.call(null, 'GET', url);
      plain += raw.rawPayload.length;
      // Files under 1 KB are not worth compressing and come as they are.
      if (raw.rawPayload.length >= 1024) {
        expect(res.headers['content-encoding'], url).toBe('br');
        // The copy is the very file, as finally written (a copy taken too early lacked Vite's preload wiring).
        expect(brotliDecompressSync(res.rawPayload).equals(raw.rawPayload), url).toBe(true);
      }
      brotli += res.rawPayload.length;
    }
    console.log(`before sign-in: ${assets.length} assets, ${(plain / 1024).toFixed(0)} KB plain, ${(brotli / 1024).toFixed(0)} KB with brotli`);
    expect(brotli).toBeLessThanOrEqual(500 * 1024);
    const biggest = assets.find((a) => a.includes('/antd-')) ?? assets[0] ?? '';
    const gz = await api.call(null, 'GET', biggest, undefined, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
  });
});
