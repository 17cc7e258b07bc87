import { describe, expect, it } from 'vitest';
import { watchOutage } from './outage.ts';

const recorder = () => {
  const lines: string[] = [];
  return { lines, log: { warn: (_: object, msg: string) => void lines.push(`warn ${msg}`), info: (_: object, msg: string) => void lines.push(`info ${msg}`) } };
};

describe('a lost backend', () => {
  it('is logged once however many errors come, probed with backoff, and logged once when it answers again', async () => {
    const { lines, log } = recorder();
    let answers = false;
    let probes = 0;
    const outage = watchOutage(
      'Redis',
      log,
      async () => {
        probes += 1;
        if (!answers) throw new Error('ECONNREFUSED');
      },
      40,
    );
    const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    for (let i = 0; i < 50; i++) outage.failed(refused());
    expect(lines).toEqual(['warn Redis unreachable: retrying with backoff']);
    expect(outage.down).toBe(true);
    // Probes at 1 s, then 40 ms apart (the cap given here): still down, nothing more logged.
    await new Promise((r) => setTimeout(r, 1200));
    expect(probes).toBeGreaterThan(1);
    expect(lines).toHaveLength(1);
    answers = true;
    await new Promise((r) => setTimeout(r, 200));
    expect(lines).toEqual(['warn Redis unreachable: retrying with backoff', 'info Redis answers again']);
    expect(outage.down).toBe(false);
    const after = probes;
    await new Promise((r) => setTimeout(r, 200));
    expect(probes).toBe(after);
    // A later outage is a new one.
    outage.failed(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    outage.answered();
    expect(lines.slice(2)).toEqual(['warn Redis unreachable: retrying with backoff', 'info Redis answers again']);
    outage.stop();
  });

  it('logs an error that is not about reaching the backend in full, each time, without calling it an outage', () => {
    const { lines, log } = recorder();
    const outage = watchOutage('PostgreSQL', log, async () => undefined);
    outage.failed(Object.assign(new Error('column "x" does not exist'), { code: '42703' }));
    outage.failed(new TypeError('cannot read properties of undefined'));
    expect(lines).toEqual(['warn PostgreSQL: a call failed', 'warn PostgreSQL: a call failed']);
    expect(outage.down).toBe(false);
    outage.stop();
  });
});
