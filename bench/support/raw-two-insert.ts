import { performance } from 'node:perf_hooks';
import pg from 'pg';

export type TxRate = { perSecond: number; p50Ms: number; p99Ms: number; count: number; inFlight: number };

/**
 * The substrate every engine figure is held against: a two-insert transaction from node-postgres,
 * `inFlight` at a time for `seconds`, on two tables of the database under test (dropped after).
 */
export async function rawTwoInsertRate(databaseUrl: string, seconds: number, inFlight = 32): Promise<TxRate> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: inFlight });
  try {
    await pool.query('create table bench_a (id bigserial primary key, v text); create table bench_b (id bigserial primary key, v text)');
    const latencies: number[] = [];
    const end = performance.now() + seconds * 1000;
    const loop = async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const c = await pool.connect();
        try {
          await c.query('begin');
          await c.query('insert into bench_a (v) values ($1)', ['x']);
          await c.query('insert into bench_b (v) values ($1)', ['y']);
          await c.query('commit');
        } finally {
          c.release();
        }
        latencies.push(performance.now() - t);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: inFlight }, loop));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    await pool.query('drop table bench_a; drop table bench_b');
    return { perSecond: latencies.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99), count: latencies.length, inFlight };
  } finally {
    await pool.end();
  }
}
