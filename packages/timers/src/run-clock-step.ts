import { fireClockStep, fireOverdueSteps, type FiredStep, type EngineDeps, type TimerPort, type TimerRequest } from '@huiyin/engine';
import type { ClockJob } from './clock-timers.ts';

/**
 * Other due steps a job fires beside its own, in one transaction. A close-of-day burst (every
 * working-day deadline falls at 17:30) is then drained a few hundred steps per transaction.
 */
export const STEPS_PER_BATCH = 200;

/**
 * Steps this process fired in another job's batch, once their next timers were set: their own
 * jobs (already promoted to BullMQ's wait list by then, where removing them costs a scan) end
 * here without a round trip. Only a hint: a job not found here asks PostgreSQL as before, and a
 * process that dies forgets it all.
 */
const batchedHere = new Set<string>();
const BATCHED_KEPT = 200_000;
const stepKey = (s: { clockId: string; step: string; version: number }) => `${s.clockId}/${s.step}/${s.version}`;

/**
 * After a batch commits: sets the next timers, then drops the jobs of the steps fired in it for
 * other clocks (each would run only to find its step stale) and remembers those steps here.
 */
async function handOver(timers: TimerPort, next: readonly TimerRequest[], firedForOthers: readonly FiredStep[]): Promise<void> {
  await timers.schedule(next);
  if (firedForOthers.length === 0) return;
  await timers.cancel?.(firedForOthers);
  for (const f of firedForOthers) batchedHere.add(stepKey(f));
  // Oldest first: a Set iterates in insertion order.
  for (const k of batchedHere) {
    if (batchedHere.size <= BATCHED_KEPT) break;
    batchedHere.delete(k);
  }
}

/** What a job did: its own step's outcome, and the other steps it fired beside it. */
export type ClockStepRun = { outcome: 'applied' | 'stale' | 'early'; alsoFired: FiredStep[] };

/**
 * What a worker does with a due timer: fire the step in PostgreSQL, with up to `alsoDue` other
 * due steps in the same transaction, then set the next timers of every step it fired.
 * A timer that came early (clock skew, a moved due time) is set again for its real time.
 */
export async function runClockStep(deps: EngineDeps, timers: TimerPort, job: ClockJob, alsoDue = STEPS_PER_BATCH): Promise<ClockStepRun> {
  const req = { clockId: job.clockId, step: job.step, version: job.version };
  if (batchedHere.delete(stepKey(req))) return { outcome: 'stale', alsoFired: [] };
  const result = await fireClockStep(deps, req, { alsoDue });
  const next = [...result.also.next];
  if (result.outcome === 'applied') next.push(...result.next);
  if (result.outcome === 'early') next.push({ ...req, at: result.at, retry: true });
  // A worker that died between firing a step and setting the next timer left it unset.
  if (result.outcome === 'stale' && result.current) next.push(result.current);
  await handOver(timers, next, result.also.fired);
  return { outcome: result.outcome, alsoFired: result.also.fired };
}

/**
 * The catch-up each worker runs four times a second (services/worker/src/catch-up.ts): steps overdue by more than `graceMs` whose job
 * has not fired them (its worker was killed mid-job and BullMQ holds the job's lock until it
 * calls it stalled, or Redis lost it) are fired here, in one batch, and their next timers set.
 * Their own jobs, when they come, find them stale. A live job fires its step well within the
 * grace, so on a healthy day this finds nothing.
 */
export async function runOverdueSteps(deps: EngineDeps, timers: TimerPort, graceMs: number, limit = STEPS_PER_BATCH): Promise<FiredStep[]> {
  const { fired, next } = await fireOverdueSteps(deps, new Date(deps.clock().getTime() - graceMs), limit);
  if (fired.length > 0) await handOver(timers, next, fired);
  return fired;
}
