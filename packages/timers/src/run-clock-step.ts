import { fireClockStep, type StoreDeps, type TimerPort } from '@huiyin/store';
import type { ClockStep } from '@huiyin/domain';
import type { ClockJob } from './clock-timers.ts';

/**
 * What a worker does with a due timer: fire the step in PostgreSQL, then set the next timer.
 * A timer that came early (clock skew, a moved due time) is set again for its real time.
 */
export async function runClockStep(deps: StoreDeps, timers: TimerPort, job: ClockJob): Promise<string> {
  const req = { clockId: job.clockId, step: job.step as ClockStep, version: job.version };
  const result = await fireClockStep(deps, req);
  if (result.outcome === 'applied') await timers.schedule(result.next);
  if (result.outcome === 'early') await timers.schedule([{ ...req, at: result.at, retry: true }]);
  // A worker that died between firing a step and setting the next timer left it unset.
  if (result.outcome === 'stale' && result.current) await timers.schedule([result.current]);
  return result.outcome;
}
