import { performance } from 'node:perf_hooks';

export type Rate = { perSecond: number; p50Ms: number; p99Ms: number; count: number; inFlight: number };

/** Runs `op` from `inFlight` loops for `seconds`; the rate of completions and their latencies. */
export async function drive(op: () => Promise<void>, seconds: number, inFlight = 32): Promise<Rate> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      await op();
      latencies.push(performance.now() - t);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, loop));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { perSecond: latencies.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99), count: latencies.length, inFlight };
}
