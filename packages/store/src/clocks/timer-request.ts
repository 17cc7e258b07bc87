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

/** BullMQ refuses `:` in a custom jobId. */
export function timerJobId(t: Pick<TimerRequest, 'clockId' | 'step' | 'version' | 'at' | 'retry'>): string {
  return `${t.clockId}_${t.step}_${t.version}${t.retry ? `_r${t.at.getTime()}` : ''}`;
}

/** Where timers go once the transaction that asked for them has committed. */
export type TimerPort = { schedule(requests: readonly TimerRequest[]): Promise<void> };
