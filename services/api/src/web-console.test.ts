import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerWebConsole } from './web-console.ts';

const apps: FastifyInstance[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** An app with one API route and the console from `dist` (built or not), answering 404s as the API does. */
async function appWith(built: boolean) {
  const dist = await mkdtemp(join(tmpdir(), 'huiyin-web-'));
  dirs.push(dist);
  if (built) {
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>console</title>');
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
  }
  const app = Fastify();
  apps.push(app);
  app.get('/api/v1/me', async () => ({ me: true }));
  app.setNotFoundHandler(await registerWebConsole(app, dist, (_req, reply) => reply.status(404).type('application/problem+json').send({ status: 404, code: 'route.not_found' })));
  return app;
}

describe('the web console at /', () => {
  it('serves the built page, its assets, and the page again for deep links', async () => {
    const app = await appWith(true);
    const root = await app.inject({ url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('<title>console</title>');
    expect(root.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const deep = await app.inject({ url: '/issues/5e7b6c1e-0000-4000-8000-000000000000' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<title>console</title>');
    for (const url of ['/login', '/portal/new', '/admin/time-rules', '/bulletins/x?tab=late', '/open-list', '/public']) expect((await app.inject({ url })).statusCode, url).toBe(200);
    expect((await app.inject({ url: '/api/v1/me' })).json()).toEqual({ me: true });
  });

  it('keeps problem+json 404s for unknown API paths, other methods and missing files', async () => {
    const app = await appWith(true);
    for (const [method, url] of [
      ['GET', '/api/v1/nothing'],
      ['GET', '/api'],
      ['POST', '/api/v1/nothing'],
      ['GET', '/docs/nothing'],
      ['GET', '/assets/missing.js'],
      ['POST', '/issues/x'],
      // Not a page of the console: probes and scanners get a 404, not its HTML.
      ['GET', '/wp-login'],
      ['GET', '/metricz'],
      ['GET', '/ready-or-not'],
    ] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.headers['content-type'], `${method} ${url}`).toContain('application/problem+json');
    }
  });

  it('answers a browser opening an address that is no page with the console under 404, and API clients with problem+json', async () => {
    const app = await appWith(true);
    const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    for (const url of ['/reports', '/portal-old/x?y=1', '/wp-login']) {
      const res = await app.inject({ url, headers: html });
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).toContain('<title>console</title>');
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    // The API's paths, files and other methods stay problem+json, whatever the client accepts.
    for (const [method, url] of [
      ['GET', '/api/v1/nothing'],
      ['GET', '/docs/nothing'],
      ['GET', '/assets/missing.js'],
      ['POST', '/reports'],
    ] as const) {
      const res = await app.inject({ method, url, headers: html });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.headers['content-type'], `${method} ${url}`).toContain('application/problem+json');
    }
    expect((await app.inject({ url: '/reports' })).headers['content-type']).toContain('application/problem+json');
  });

  it('says how to build the console when there is no build', async () => {
    const app = await appWith(false);
    const root = await app.inject({ url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.json().console).toContain('build:web');
    expect((await app.inject({ url: '/issues/x' })).statusCode).toBe(404);
  });
});
