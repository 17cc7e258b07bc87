import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export type PacedResult = { perSecond: number; p50Ms: number; p99Ms: number; count: number; non2xx: number; errors: number };

/**
 * An open-loop load at a steady `rate` per second for `seconds`: requests are due at even
 * intervals, sent over at most `connections` keep-alive sockets, and each latency runs from the
 * moment the request was due, so time spent waiting for a free socket counts (no coordinated
 * omission). autocannon's `overallRate` sends each connection's quota at the start of every
 * second instead, which measures the queue a burst builds, not the latency at that rate.
 */
export async function pacedLoad(
  url: string,
  options: { rate: number; seconds: number; connections: number; method: string; path: string; headers: () => Record<string, string>; body: string },
): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const target = new URL(url);
  const send = (dueAt: number) =>
    new Promise<void>((resolve) => {
      const req = request(
        { host: target.hostname, port: target.port, method: options.method, path: options.path, agent, headers: { ...options.headers(), 'content-length': Buffer.byteLength(options.body) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) non2xx += 1;
            latencies.push(performance.now() - dueAt);
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(options.body);
    });
  const started = performance.now();
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const pending: Array<Promise<void>> = [];
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    // Everything due by now goes now; then sleep about a millisecond.
    while (sent < total && started + sent * interval <= now) pending.push(send(started + sent++ * interval));
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { perSecond: latencies.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99), count: latencies.length - non2xx, non2xx, errors };
}
