import { createHash } from 'node:crypto';
import type { TimerRequest } from '@huiyin/engine';

/**
 * The timer's BullMQ jobId: 20 base64url characters of a SHA-256 over (clock, step, version, and
 * the time of a timer set again), so the same timer always gets the same id. Short on purpose:
 * BullMQ writes the id into the job's `opts` beside the delay, and a hash field over 64 bytes
 * (Redis's hash-max-listpack-value) turns the whole job hash into Redis's large encoding, about
 * 2.5× the bytes. 120 bits leave no collision to fear; base64url has no `:` (BullMQ refuses it).
 */
export function timerJobId(t: Pick<TimerRequest, 'clockId' | 'step' | 'version' | 'at' | 'retry'>): string {
  return createHash('sha256')
    .update(`${t.clockId}/${t.step}/${t.version}${t.retry ? `/${t.at.getTime()}` : ''}`)
    .digest('base64url')
    .slice(0, 20);
}
