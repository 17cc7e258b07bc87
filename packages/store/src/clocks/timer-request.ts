import type { ClockStep } from '@huiyin/domain';

/**
 * One timer to set: the next step of a clock and when it falls due. The jobId built from it is
 * deterministic (clock, step, version), so setting the same timer twice is harmless.
 */
export type TimerRequest = { clockId: string; step: ClockStep; version: number; at: Date };

/** BullMQ refuses `:` in a custom jobId. */
export function timerJobId(t: Pick<TimerRequest, 'clockId' | 'step' | 'version'>): string {
  return `${t.clockId}_${t.step}_${t.version}`;
}

/** Where timers go once the transaction that asked for them has committed. */
export type TimerPort = { schedule(requests: readonly TimerRequest[]): Promise<void> };
