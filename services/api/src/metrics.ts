import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { poolStats, type Db } from '@huiyin/store';
import { sendProblem } from './problem.ts';

/** Job counts of one BullMQ queue by state, as `Queue.getJobCounts` gives them. */
export type QueueCounts = () => Promise<Record<string, Record<string, number>>>;

/** An issue command's route: POST /api/v1/issues/:id/<command>, or the filing itself. */
const COMMAND_ROUTE = /^\/api\/v1\/issues(?:\/:id\/(.+))?$/;

/**
 * The API's Prometheus metrics: the process's own, request latency by route, issue commands and
 * filings by outcome, and, read at each scrape, the outbox backlog, the timer and channel queues and
 * the database pool. `GET /metrics` answers an admin, or a scraper from `allow` (addresses).
 */
export function registerMetrics(app: FastifyInstance, deps: { db: Db; allow: readonly string[]; queues?: QueueCounts | undefined; isAdmin: (request: FastifyRequest) => boolean }) {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'api' });
  collectDefaultMetrics({ register: registry });
  const latency = new Histogram({
    name: 'huiyin_http_request_duration_seconds',
    help: 'API request latency by route pattern, method and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const commands = new Counter({
    name: 'huiyin_issue_commands_total',
    help: 'Issue commands (file: a filing) by outcome: ok, refused (4xx) or error (5xx)',
    labelNames: ['command', 'outcome'],
    registers: [registry],
  });
  // Read before the gauges that query: a scrape collects them all at once, and their queries would
  // be counted as waiting for a connection.
  new Gauge({
    name: 'huiyin_db_pool_connections',
    help: "The API's PostgreSQL pool: open, idle, and requests waiting for a connection",
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const s = poolStats(deps.db);
      if (!s) return;
      for (const [state, n] of Object.entries(s)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: 'huiyin_outbox_backlog',
    help: 'Mails and notices written but not yet delivered',
    registers: [registry],
    async collect() {
      const row = await deps.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('processed_at', 'is', null)
        .executeTakeFirst();
      this.set(Number(row?.n ?? 0));
    },
  });
  new Gauge({
    name: 'huiyin_outbox_oldest_age_seconds',
    help: 'Age of the oldest undelivered outbox row (0 when none)',
    registers: [registry],
    async collect() {
      const row = await deps.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.min('created_at').as('oldest'))
        .where('processed_at', 'is', null)
        .executeTakeFirst();
      const oldest = row?.oldest as Date | null | undefined;
      this.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
    },
  });
  new Gauge({
    name: 'huiyin_notice_channel_failures',
    help: 'Failures in a row of each notice channel that is failing (webhook:<id> for a group robot, sms); 3 or more is reported to the admins (README.md#notice-channels)',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      const rows = await deps.db.selectFrom('notice_channel_health').select(['channel', 'consecutive_failures']).where('consecutive_failures', '>', 0).execute();
      this.reset();
      for (const r of rows) this.set({ channel: r.channel }, r.consecutive_failures);
    },
  });
  const queues = deps.queues;
  if (queues) {
    new Gauge({
      name: 'huiyin_queue_jobs',
      help: 'BullMQ jobs by queue (clock-steps, notice-channels) and state (waiting, delayed, active, failed)',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        for (const [queue, counts] of Object.entries(await queues())) for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
      },
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    latency.observe({ method: request.method, route, status: String(status) }, reply.elapsedTime / 1000);
    const command = request.method === 'POST' ? COMMAND_ROUTE.exec(route) : null;
    if (command) commands.inc({ command: command[1] ?? 'file', outcome: status < 400 ? 'ok' : status < 500 ? 'refused' : 'error' });
  });
  app.get('/metrics', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    if (!deps.allow.includes(request.ip) && !deps.isAdmin(request)) {
      return sendProblem(reply, request, 'auth.forbidden', 'for admins, or from an address in METRICS_ALLOW');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
