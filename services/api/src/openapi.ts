import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import '@huiyin/contract';

type Json = Record<string, unknown>;
type Operation = { operationId?: string; security?: unknown[]; parameters?: Array<{ in: string }>; requestBody?: unknown; responses: Record<string, unknown> };
type Document = Json & { paths?: Record<string, Record<string, Operation>>; components?: Json & { schemas?: Record<string, unknown> } };

/** The tags of the document, in the order /docs shows them. */
const TAGS = [
  { name: 'auth', description: 'Signing in and out; who is signed in' },
  { name: 'operations', description: 'Liveness and readiness, for load balancers and orchestrators' },
  { name: 'reference', description: 'Categories with their time-limit policies, units, leaders' },
  { name: 'enterprises', description: 'Enterprises, their contacts and accounts' },
  { name: 'officials', description: 'The district’s officials: the list, and their accounts kept by admins' },
  { name: 'onboarding', description: 'Loading a district from its spreadsheets: the template and the import' },
  { name: 'attachments', description: 'Files enterprises and officials attach to issues' },
  { name: 'issues', description: 'Filing issues and reading them with their ledger' },
  { name: 'issue actions', description: 'Each step of an issue’s lifecycle (docs/domain.md)' },
  { name: 'work', description: 'Officials’ queues, overdue lists, 督办单' },
  { name: 'notifications', description: 'The in-app notices of the signed-in account' },
  { name: 'calendar', description: 'Working days, declared holidays and make-up workdays, policy audit' },
  { name: 'reports', description: 'Bulletins, scorecards, the monthly meeting pack, hot spots, appeals' },
  { name: 'projects', description: 'Key projects with leader, unit, time limit and milestones' },
  { name: 'project actions', description: 'Each step of a key project’s lifecycle' },
];

/**
 * The problems an operation can answer, read off its shape: any request can be malformed or meet a
 * database that is away for a moment; a signed-in route adds 401 and 403, a path id 404, a write
 * 409 (wrong state, stale version, key in use) and 422 (an unknown reference, a rule of the domain),
 * a body 413 and 415. Login adds the lock and the rate limit, a password change the lock, an
 * upload the daily quota.
 */
const PROBLEMS: Record<string, string> = {
  '400': 'The request is malformed or a field is invalid: `errors` names each field',
  '401': 'Not signed in, or the session has ended',
  '403': 'The signed-in account may not do this',
  '404': 'No such object, or not one this account may see',
  '409': 'The object’s state or version does not allow it, or the Idempotency-Key is in use',
  '413': 'The body is larger than the limit',
  '415': 'The body’s media type is not accepted',
  '422': 'A reference is unknown or a rule of the domain refuses the values',
  '423': 'The account is locked for a while after wrong passwords',
  '429': 'Too many requests: wait and try again',
  '503': 'The database is unavailable for a moment: retry after Retry-After seconds',
};

/** What a success says when its route gives no description. */
const SUCCESS: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted', '204': 'Done; no body' };

function problemsOf(path: string, method: string, op: Operation): string[] {
  const open = Array.isArray(op.security) && op.security.length === 0;
  const write = method !== 'get';
  const codes = ['400'];
  if (!open) codes.push('401', '403');
  if (path.includes('{')) codes.push('404');
  if (write && !open) codes.push('409', '422');
  if (op.requestBody) codes.push('413', '415');
  if (path === '/api/v1/auth/login') codes.push('401', '423', '429');
  if (path === '/api/v1/auth/password') codes.push('423');
  if (path === '/api/v1/attachments' && write) codes.push('429');
  codes.push('503');
  return codes;
}

/** Every component a document refers to, following references from the paths. */
function referenced(doc: Document): Set<string> {
  const seen = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = value.slice('#/components/schemas/'.length);
        if (!seen.has(name)) {
          seen.add(name);
          walk(doc.components?.schemas?.[name]);
        }
      } else walk(value);
    }
  };
  walk(doc.paths);
  walk(doc.components?.responses);
  return seen;
}

/**
 * The last touches the route schemas cannot give: each operation's problems as shared responses,
 * and only the components something refers to (every named zod schema is registered twice, as
 * input and as output, and most are used one way).
 */
function completeDocument(doc: Document): Document {
  const responses: Json = {};
  for (const [status, description] of Object.entries(PROBLEMS)) {
    responses[`Problem${status}`] = { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  }
  const used = new Set<string>();
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      for (const [status, response] of Object.entries(op.responses)) {
        const r = response as { description?: string };
        if (r.description === 'Default Response') r.description = SUCCESS[status] ?? 'Success';
      }
      for (const status of problemsOf(path, method, op)) {
        op.responses[status] ??= { $ref: `#/components/responses/Problem${status}` };
        used.add(`Problem${status}`);
      }
    }
  }
  const withResponses: Document = { ...doc, components: { ...doc.components, responses: Object.fromEntries(Object.entries(responses).filter(([name]) => used.has(name))) } };
  const keep = referenced(withResponses);
  const schemas = Object.fromEntries(Object.entries(withResponses.components?.schemas ?? {}).filter(([name]) => keep.has(name)));
  return { ...withResponses, components: { ...withResponses.components, schemas } };
}

/** /openapi.json and /docs: the document of every route, from the zod schemas that validate and serialise it. */
export async function registerOpenApi(app: FastifyInstance, publicUrl: string) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Huiyin (回音) API',
        version: '1.0.0',
        description:
          'Every problem an enterprise reports gets an answer and an outcome, on time: 件件有回音、事事有着落. The rules every route keeps (who may call, dates, retries, cursors, refusals) are in docs/api.md.',
        contact: { name: 'Huiyin engine operators', url: `${publicUrl}/docs` },
      },
      servers: [{ url: publicUrl, description: 'This engine' }],
      tags: TAGS,
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'The token POST /api/v1/auth/login returns' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'huiyin_session', description: 'The session cookie login sets (the console uses it)' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    // Routes that take no session (login, logout, health) say so: `security: []`.
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const isPublic = (input.route.config as { public?: boolean } | undefined)?.public === true;
      return isPublic && out.schema ? { ...out, schema: { ...out.schema, security: [] } } : out;
    },
    transformObject: (input) => completeDocument(jsonSchemaTransformObject(input) as Document) as ReturnType<typeof jsonSchemaTransformObject>,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
