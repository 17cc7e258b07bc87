import { createHash } from 'node:crypto';
import type { ClockStep } from '@huiyin/domain';

/**
 * One timer to set: the next step of a clock and when it falls due. The jobId built from it is
 * deterministic (clock, step, version), so setting the same timer twice is harmless.
 */
export type TimerRequest = {
  clockId: string;
  step: ClockStep;
  version: number;
  at: Date;
  /** Set when a timer is set again while its first job still exists (it came early). */
  retry?: boolean;
};

/**
 * The timer's BullMQ jobId: 20 base64url characters of a SHA-256 over (clock, step, version, and
 * the time of a timer set again), so the same timer always gets the same id. Short on purpose:
 * BullMQ writes the id into the job's `opts` beside the delay, and a hash field over 64 bytes
 * (Redis's hash-max-listpack-value) turns the whole job hash into Redis's large encoding, about
 * 2.5× the bytes. 120 bits leave no collision to fear; base64url has no `:` (BullMQ refuses it).
 */
export function timerJobId(t: Pick<TimerRequest, 'clockId' | 'step' | 'version' | 'at' | 'retry'>): string {
  return createHash('sha256').update(`${t.clockId}/${t.step}/${t.version}${t.retry ? `/${t.at.getTime()}` : ''}`).digest('base64url').slice(0, 20);
}

/** Where timers go once the transaction that asked for them has committed. */
export type TimerPort = {
  schedule(requests: readonly TimerRequest[]): Promise<void>;
  /**
   * Drops timers whose step has fired (by a batch, not by their own job), so they do not each
   * run only to find it stale. Best effort: one left behind still does nothing.
   */
  cancel?(requests: readonly Pick<TimerRequest, 'clockId' | 'step' | 'version'>[]): Promise<void>;
};
