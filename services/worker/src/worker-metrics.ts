import { createServer, type Server } from 'node:http';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { checkReadiness } from '@huiyin/config';

/**
 * The worker's Prometheus metrics, served on its own port (it has no HTTP API): clock steps fired
 * by step and path (a timer job's drain, the catch-up), their lateness at the step, and mails
 * sent or failed. The queue and outbox gauges are the API's (/metrics), read from the shared state.
 */
export function createWorkerMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'worker' });
  collectDefaultMetrics({ register: registry });
  const steps = new Counter({ name: 'huiyin_clock_steps_total', help: 'Clock steps applied, by step and how (a timer job drain, the catch-up)', labelNames: ['step', 'via'], registers: [registry] });
  const lateness = new Histogram({
    name: 'huiyin_clock_step_lateness_seconds',
    help: 'How long after its due time a clock step was applied',
    labelNames: ['via'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300],
    registers: [registry],
  });
  const mails = new Counter({ name: 'huiyin_mails_total', help: 'Mail deliveries by outcome (sent, failed: retried with backoff)', labelNames: ['outcome'], registers: [registry] });
  const channelMessages = new Counter({
    name: 'huiyin_notice_channel_messages_total',
    help: 'Notice channel deliveries (wecom, dingtalk, sms) by outcome: sent; failed (retried with backoff); held for quiet hours; unsendable as configured',
    labelNames: ['channel', 'outcome'],
    registers: [registry],
  });
  return {
    registry,
    /** One delivery of a channel message (README.md#notice-channels). */
    channelMessage(channel: string, outcome: 'sent' | 'failed' | 'held' | 'unsendable') {
      channelMessages.inc({ channel, outcome });
    },
    /** One step applied, `lateMs` after its due time. */
    stepApplied(step: string, via: 'job' | 'catch-up', lateMs: number) {
      steps.inc({ step, via });
      lateness.observe({ via }, Math.max(0, lateMs) / 1000);
    },
    /** Mails of one drained batch, by outcome. */
    mail(outcome: 'sent' | 'failed', count = 1) {
      if (count > 0) mails.inc({ outcome }, count);
    },
    /**
     * Serves GET /metrics on host:port (loopback by default: a scraper beside it, or a proxy), and
     * GET /ready: each of `checks` within 2 s, 200 `{"status":"ready",…}` or 503 naming the one
     * that did not answer.
     */
    listen(host: string, port: number, checks: Record<string, () => Promise<unknown>> = {}): Promise<Server> {
      const server = createServer((req, res) => {
        if (req.method === 'GET' && req.url === '/ready') {
          void checkReadiness(checks).then((body) => res.writeHead(body.status === 'ready' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
          return;
        }
        if (req.method !== 'GET' || req.url !== '/metrics') {
          res.writeHead(404).end();
          return;
        }
        registry.metrics().then(
          (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
          () => res.writeHead(500).end(),
        );
      });
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server));
      });
    },
  };
}
