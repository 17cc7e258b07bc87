import { describe, expect, it } from 'vitest';
import { createDb } from '@huiyin/store';
import { createDistrict, PASSWORD } from '../support/district.ts';
import { freePort } from '../support/free-port.ts';
import { spawnService } from '../support/service-process.ts';
import { buildServices } from '../support/build-services.ts';
import { sharedDatabaseUrl, sharedRedisPrefix } from '../support/run-scope.ts';

// Production runs compiled JavaScript (`pnpm build`, then `huiyin api` / `huiyin worker`, one
// process each): the bundles must start with plain `node`, find what they keep outside (the API
// docs' and queue board's pages, argon2) and stop cleanly.

describe('the compiled services', () => {
  it('builds, then serves the API and runs a worker with node alone', async () => {
    const built = await buildServices();
    expect(built.code, built.err).toBe(0);
    expect(built.err).toMatch(/services\/api\/dist\/main\.mjs/);
    const [port, metricsPort] = [await freePort(), await freePort()];
    const env = {
      DATABASE_URL: sharedDatabaseUrl(),
      TIMERS_BACKEND: 'postgres',
      REDIS_PREFIX: `${sharedRedisPrefix()}_compiled`,
      PORT: String(port),
      WORKER_METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'info',
    };
    // Plain node (no tsx) through the production entry point.
    const api = spawnService('scripts/huiyin.mjs', 'compiled-api', env, { args: ['api'], tsx: false });
    const worker = spawnService('scripts/huiyin.mjs', 'compiled-worker', env, { args: ['worker'], tsx: false });
    try {
      await api.waitForLog(`Server listening at http://127.0.0.1:${port}`, 60_000);
      await worker.waitForLog('worker ready', 60_000);
      const ready = await fetch(`http://127.0.0.1:${port}/ready`);
      expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', timers: 'ok' } });
      // Pages served from the packages kept outside the bundle.
      expect((await fetch(`http://127.0.0.1:${port}/docs/`)).status).toBe(200);
      // A password is checked by argon2, loaded from where pnpm installed it.
      const db = createDb(sharedDatabaseUrl(), { max: 2 });
      const d = await createDistrict(db).finally(() => db.destroy());
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: d.people.admin.login, password: PASSWORD }),
      });
      expect(login.status).toBe(200);
      // The queue board (bull-board, kept outside the bundle) lists the queues for the admin.
      const { token } = (await login.json()) as { token: string };
      const board = await fetch(`http://127.0.0.1:${port}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${token}` } });
      expect(board.status).toBe(200);
      expect(((await board.json()) as { queues: Array<{ displayName: string }> }).queues.map((q) => q.displayName).sort()).toEqual(['clock-steps', 'notice-channels']);
      expect((await fetch(`http://127.0.0.1:${metricsPort}/ready`)).status).toBe(200);
    } finally {
      expect(await worker.stop()).toEqual({ code: 0, signal: null });
      expect(await api.stop()).toEqual({ code: 0, signal: null });
    }
  }, 180_000);
});
