import pg from 'pg';
import { drive, type Rate } from './drive.ts';

export type TxRate = Rate;

/**
 * The substrate every engine figure is held against: a two-insert transaction from node-postgres,
 * `inFlight` at a time for `seconds`, on two tables of the database under test (dropped after).
 */
export async function rawTwoInsertRate(databaseUrl: string, seconds: number, inFlight = 32): Promise<TxRate> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: inFlight });
  try {
    await pool.query('create table bench_a (id bigserial primary key, v text); create table bench_b (id bigserial primary key, v text)');
    const rate = await drive(
      async () => {
        const c = await pool.connect();
        try {
          await c.query('begin');
          await c.query('insert into bench_a (v) values ($1)', ['x']);
          await c.query('insert into bench_b (v) values ($1)', ['y']);
          await c.query('commit');
        } finally {
          c.release();
        }
      },
      seconds,
      inFlight,
    );
    await pool.query('drop table bench_a; drop table bench_b');
    return rate;
  } finally {
    await pool.end();
  }
}
