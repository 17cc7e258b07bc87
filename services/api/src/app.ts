import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { JobQueue } from '@huiyin/queues';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { checkReadiness, ledgerSigningKey, type Config } from '@huiyin/config';
import { Health, Readiness } from '@huiyin/contract';
import { type EngineDeps, type TimerPort, ledgerCheckpointSection, projectBulletinSection } from '@huiyin/engine';
import { authenticate } from './auth/authenticate.ts';
import { createSessionCache } from './auth/session-cache.ts';
import type { SessionAccount } from './auth/sessions.ts';
import { BODY_LIMIT_BYTES, errorHandler, sendProblem } from './problem.ts';
import { refuseUnstorable } from './refuse-unstorable.ts';
import { strictJsonBodies } from './json-body.ts';
import { idempotency } from './idempotency.ts';
import { registerOpenApi } from './openapi.ts';
import { attachmentRoutes } from './routes/attachments.ts';
import { authRoutes } from './routes/auth.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { categoryRoutes } from './routes/categories.ts';
import { enterpriseRoutes } from './routes/enterprises.ts';
import { issueRoutes } from './routes/issues.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { referenceRoutes } from './routes/reference.ts';
import { workRoutes } from './routes/work.ts';
import { issueBatchRoutes } from './routes/issue-batches.ts';
import { issueReminderRoutes } from './routes/issue-reminders.ts';
import { DEFAULT_WEB_DIST, registerWebConsole } from './web-console.ts';
import { registerMetrics, type QueueCounts } from './metrics.ts';
import { registerQueueBoard } from './queue-board.ts';
import { supervisionRoutes } from './routes/supervision.ts';
import { reportRoutes } from './routes/reports.ts';
import { printViewRoutes } from './routes/print-views.ts';
import { exportRoutes } from './routes/exports.ts';
import { appealRoutes } from './routes/appeals.ts';
import { projectRoutes } from './routes/projects.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { noticeChannelRoutes } from './routes/notice-channels.ts';
import { open311Routes } from './open311/open311.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { publicRoutes } from './routes/public.ts';
import { clockExplainRoutes } from './routes/clock-explain.ts';
import { issueSearchRoutes } from './routes/issue-search.ts';
import { issueLinkRoutes } from './routes/issue-links.ts';
import { governanceTaskRoutes } from './routes/governance-tasks.ts';
import { districtImportRoutes } from './routes/district-import.ts';
import { officialRoutes } from './routes/officials.ts';
import { passwordResetRoutes } from './routes/password-reset.ts';
import { categoryPreviewRoutes } from './routes/category-preview.ts';

/**
 * For the console at `/` and the docs at `/docs`: scripts and everything else from this origin
 * only; Ant Design writes inline styles, hence 'unsafe-inline' for styles alone; images may be
 * data: URLs (icons); no framing, no plugins.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export type AppDeps = EngineDeps & {
  config: Config;
  /** Rebuilds `calendar` after operators declare days (see `createCalendarFromDb`); without it they apply from the next start. */
  refreshCalendar?: () => Promise<void>;
  /** Where committed changes set their clock timers (BullMQ); without it only the reconciler sets them. */
  timers?: TimerPort | undefined;
  /** The built console to serve at `/`. @defaultValue services/web/dist */
  webDist?: string;
  /** The timer and notice-channel queues' job counts for `/metrics` (the API's main reads them from BullMQ). */
  queueCounts?: QueueCounts;
  /** The queues bull-board shows admins at /admin/queues (none: no board). */
  boardQueues?: readonly JobQueue<unknown>[];
  /** Further backends `/ready` asks (the timers' Redis), each a check that throws when it does not answer. */
  readiness?: Record<string, () => Promise<unknown>>;
};

/** A request id taken as given: a plain token of at most 128 characters. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * One log line per request, when it is answered (what was asked beside what was answered), rather
 * than Fastify's two: each line is a write the process pays for.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest() {}
  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply) {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/** The HTTP API: every route validated by zod, documented at /openapi.json and /docs. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db, clock } = deps;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Tokens and personal data stay out of the logs.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    // A caller's x-request-id (a proxy's, another system's) is kept when it is a plain token, so
    // one request can be followed across systems; else one is made. Every answer carries it.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    // Behind a TLS-terminating proxy, request.protocol and request.ip come from X-Forwarded-*.
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    logController: new OneLinePerRequest(),
  }).withTypeProvider<ZodTypeProvider>();
  // The use cases log what they leave to the reconciler (timers not set) through the API's logger.
  deps = { ...deps, log: deps.log ?? app.log };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  strictJsonBodies(app);

  await registerOpenApi(app, config.publicUrl);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 5 } });
  await app.register(rateLimit, { global: false });
  app.addHook('preValidation', refuseUnstorable);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    // Only over TLS (directly, or as the trusted proxy says): HSTS on plain HTTP would be ignored or lock out a dev setup.
    if (request.protocol === 'https' || config.cookieSecure === 'true') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  const sessionCache = createSessionCache<SessionAccount>({
    databaseUrl: config.databaseUrl,
    seconds: config.sessionCacheSeconds,
    onLost: (err) => app.log.warn({ err }, 'session listener lost; sessions are looked up each time until it is back'),
  });
  app.addHook('onClose', () => sessionCache.close());
  await app.register(authenticate, { db, clock, cache: sessionCache });
  await app.register(idempotency, { db });
  const isAdmin = (request: FastifyRequest) => request.session?.actor.kind === 'official' && request.session.actor.roles.includes('admin');
  registerMetrics(app, { db, allow: config.metricsAllow, queues: deps.queueCounts, isAdmin });
  if (deps.boardQueues?.length) await registerQueueBoard(app, deps.boardQueues, isAdmin);

  // The web console at `/` (services/web/dist), with the SPA's page for deep links; API paths keep their 404.
  app.setNotFoundHandler(await registerWebConsole(app, deps.webDist ?? DEFAULT_WEB_DIST, (request, reply) => sendProblem(reply, request, 'route.not_found', `${request.method} ${request.url}`)));
  const operational = { tags: ['operations'], security: [] } as const;
  app.get(
    '/health',
    {
      schema: {
        ...operational,
        operationId: 'health',
        summary: 'Alive: the process answers and reads the database',
        description:
          'For liveness probes; needs no session. Reads one row from the database: a lost database connection is `503 service.unavailable` with `Retry-After`. The other backends (the timer queue) are not asked: see /ready.',
        response: { 200: Health },
      },
      config: { public: true },
    },
    async () => {
      await db.selectFrom('categories').select('id').limit(1).execute();
      return { status: 'ok' as const };
    },
  );
  // Whether this process can serve: the database and each other backend it was given answer
  // within two seconds. 503 names the one that does not.
  app.get(
    '/ready',
    {
      schema: {
        ...operational,
        operationId: 'ready',
        summary: 'Ready to serve: every backend answers (503 names the one that does not)',
        description:
          'For readiness probes and load balancers; needs no session. Asks the database and each other backend this process was given (in the API, the timer backend as `redis` or `timers`) at once, each within two seconds; `checks` holds `ok` or the reason for each. The 503 carries the same body, not a problem.',
        response: { 200: Readiness, 503: { description: 'Not ready: `checks` names the backend that did not answer', content: { 'application/json': { schema: Readiness } } } },
      },
      config: { public: true },
    },
    async (_request, reply) => {
      const checks: Record<string, () => Promise<unknown>> = { database: () => db.selectFrom('categories').select('id').limit(1).execute(), ...deps.readiness };
      const body = await checkReadiness(checks);
      return reply.status(body.status === 'ready' ? 200 : 503).send(body);
    },
  );
  await app.register(authRoutes, { db, config, clock, sessionCache });
  await app.register(referenceRoutes, { db });
  await app.register(passwordResetRoutes, { db, clock, ratePerMinute: config.loginRatePerMinute, sessionCache });
  await app.register(officialRoutes, { db, clock, sessionCache });
  await app.register(districtImportRoutes, { db, maxBytes: config.attachmentMaxBytes });
  await app.register(categoryPreviewRoutes, { db });
  await app.register(categoryRoutes, { deps });
  await app.register(enterpriseRoutes, { db });
  await app.register(attachmentRoutes, { db, dir: config.attachmentsDir, maxBytes: config.attachmentMaxBytes, quota: { bytes: config.attachmentDailyBytes, count: config.attachmentDailyCount } });
  await app.register(issueRoutes, { deps });
  await app.register(workRoutes, { deps });
  await app.register(issueBatchRoutes, { deps });
  await app.register(issueReminderRoutes, { deps });
  await app.register(supervisionRoutes, { deps });
  await app.register(notificationRoutes, { deps });
  await app.register(calendarRoutes, { deps });
  // Key projects add their part to each bulletin (sections.projects), the ledger a signed checkpoint (sections.ledgerCheckpoint).
  const ledgerKeys = ledgerSigningKey(config, (line) => app.log.warn(line));
  const bulletinSections = { projects: projectBulletinSection };
  await app.register(reportRoutes, { deps, bulletinSections, snapshotSections: { ledgerCheckpoint: ledgerCheckpointSection(ledgerKeys) } });
  await app.register(printViewRoutes, { deps, bulletinSections });
  await app.register(exportRoutes, { deps });
  await app.register(appealRoutes, { deps });
  await app.register(projectRoutes, { deps });
  await app.register(apiKeyRoutes, { deps });
  await app.register(noticeChannelRoutes, { deps });
  await app.register(clockExplainRoutes, { deps });
  await app.register(issueSearchRoutes, { deps });
  await app.register(issueLinkRoutes, { deps });
  await app.register(governanceTaskRoutes, { deps });
  await app.register(open311Routes, { deps, publicUrl: config.publicUrl });
  await app.register(ledgerRoutes, { deps, keys: ledgerKeys });
  await app.register(publicRoutes, { deps, keys: ledgerKeys, cacheSeconds: config.publicFiguresCacheSeconds });
  return app;
}
