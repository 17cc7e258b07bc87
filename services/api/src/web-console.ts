import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `vite build` puts the console (services/web/dist). */
export const DEFAULT_WEB_DIST = resolve(import.meta.dirname, '../../web/dist');

/** Paths that belong to the API or its docs: never answered with the console's page. */
const API_PATH = /^\/(api|docs|openapi\.json|health)(\/|$|\?)/;

/**
 * The web console at `/`: built files from `dist`, and for any other GET of a page path the SPA's
 * index.html so that deep links (`/issues/<id>` in mails) open in the console. API paths keep their
 * problem+json 404. Without a build, `/` says how to make one.
 * @returns a not-found handler for the app: the SPA fallback, else `notFound`.
 */
export async function registerWebConsole(app: FastifyInstance, dist: string, notFound: (request: FastifyRequest, reply: FastifyReply) => unknown) {
  const built = existsSync(join(dist, 'index.html'));
  if (!built) {
    app.get('/', { schema: { hide: true } }, async () => ({
      name: 'Huiyin (回音)',
      console: 'not built: run `npx -y pnpm@10 build:web` (or `npx -y pnpm@10 start`, which builds it), then reload',
      docs: '/docs',
      openapi: '/openapi.json',
      signIn: 'POST /api/v1/auth/login',
    }));
    return notFound;
  }
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    index: ['index.html'],
    // index.html must be re-read after a rebuild; hashed assets may be cached for good.
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
  return (request: FastifyRequest, reply: FastifyReply) => {
    const page = (request.method === 'GET' || request.method === 'HEAD') && !API_PATH.test(request.url) && !/\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '');
    if (!page) return notFound(request, reply);
    // Not returned: fastify would await the reply as a thenable, adding a listener each time.
    void reply.header('cache-control', 'no-cache').sendFile('index.html');
    return undefined;
  };
}
