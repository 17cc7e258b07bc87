import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `vite build` puts the console (services/web/dist). */
// From src/ and from the compiled dist/ alike: both sit one level below services/api.
export const DEFAULT_WEB_DIST = resolve(import.meta.dirname, '../../web/dist');

/**
 * The console's pages (services/web/src/app.tsx routes): only these get its index.html for a deep
 * link. Any other path is a 404: the console's own 没有这个页面 for a browser (it asks for HTML),
 * problem+json for everything else, as a platform's probes and scanners expect.
 */
const CONSOLE_PAGE = /^\/(login|forgot-password|reset-password|change-password|portal|issues|inbox|dispatch|leader|board|orders|open-list|projects|scorecards|bulletins|appeals|admin|public)(\/|$|\?)/;

/**
 * The web console at `/`: built files from `dist`, and for a GET of one of its pages the SPA's
 * index.html so that deep links (`/issues/<id>` in mails) open in the console. Every other path
 * keeps the API's problem+json 404. Without a build, `/` says how to make one.
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
    // The build's .br and .gz copies (services/web/precompress.ts), to browsers that accept them.
    preCompressed: true,
    // index.html must be re-read after a rebuild; hashed assets may be cached for good.
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
  return (request: FastifyRequest, reply: FastifyReply) => {
    const read = (request.method === 'GET' || request.method === 'HEAD') && !/\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '');
    const page = read && CONSOLE_PAGE.test(request.url);
    // A browser opening an address that is no page (a mistyped link): the console says so, with
    // the way back, under a 404 status. Probes, scanners and API clients, which do not ask for
    // HTML, and the API's own paths keep the problem+json.
    const lost = read && !page && !/^\/(api|docs)(\/|$|\?)/.test(request.url) && /\btext\/html\b/.test(request.headers.accept ?? '');
    if (!page && !lost) return notFound(request, reply);
    // Not returned: fastify would await the reply as a thenable, adding a listener each time.
    void reply
      .status(lost ? 404 : 200)
      .header('cache-control', 'no-cache')
      .sendFile('index.html');
    return undefined;
  };
}
