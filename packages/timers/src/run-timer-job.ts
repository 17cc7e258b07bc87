import { fireDueCommandSteps, fireDueSteps, fireOverdueSteps, type EngineDeps, type FiredStep, type TimerPort } from '@huiyin/engine';
import type { ClockJob, ClockTimers } from './clock-timers.ts';
import { WINDOW_MS } from './due-instants.ts';
import { dueInstantsBetween } from './due-instants-sql.ts';

/**
 * Steps a drain fires per transaction: a burst is drained a few hundred steps per round trip set.
 * 500 rather than 200: 11–25 % more steps per second in two drain loops over bursts of 20 000
 * (1 000 was no better); in the whole bench, faster with two workers and on the PostgreSQL
 * backend, no faster with one. A batch holds its issues some tenths of a second longer
 * (bench/README.md, "Batches of 500"). Inserts are split under PostgreSQL's parameter limit
 * (`enqueueNoticeBatch`).
 */
export const STEPS_PER_BATCH = 500;
/** Helper drains a drain adds when its first batch comes back full, so other workers (and this one's free slots) take the next batches. */
export const DRAIN_HELPERS = 2;

/** When each drain running in this process began its current batch (ms), for the catch-up to stand aside meanwhile. */
const running = new Set<{ since: number }>();

/**
 * Whether a drain of this process began its current batch less than `ms` ago: it takes every
 * due step its batches can claim, so the catch-up's batches would only contend with it for
 * PostgreSQL (on two cores a burst drained by four writers at once took longer than by two). A
 * burst of any length keeps starting batches; a drain whose batch is older than that is stuck
 * and no longer holds the catch-up back.
 */
export function drainingHere(ms: number): boolean {
  const now = Date.now();
  for (const d of running) if (now - d.since < ms) return true;
  return false;
}

/**
 * `fired` hears each batch's steps as soon as its transaction has committed, before the next
 * timers are set: a step that fired is reported even if what follows fails and the job is retried.
 */
export type DrainOptions = { limit?: number; helpers?: number; fired?: (steps: FiredStep[]) => void };

/** What a job did: the steps it fired, in how many batches; `retryAt` when it came before its instant. */
export type TimerJobRun = { fired: FiredStep[]; batches: number; armed: number; retryAt?: number };

/**
 * What a worker does with a due timer job.
 * - `window`: sets the drain jobs of the steps PostgreSQL has in that minute.
 * - `drain` (and `helper`): fires every step due by now, in batches of `limit`, setting each
 *   batch's next timers once it has committed, until a batch comes back short with no next step
 *   already due (those it fires itself, in its next batch); then the command steps. Its first
 *   full batch adds `helpers` helper drains, which run the same batches: batches
 *   claim with SKIP LOCKED, so two drains take different steps and each step fires once. A step
 *   whose issue a command holds is claimed again by the drain's next batch, and after the last
 *   one by the catch-up (within a second once the issue is free and no young batch is in flight).
 */
export async function runTimerJob(deps: EngineDeps, timers: Pick<ClockTimers, 'schedule' | 'arm' | 'helpers'>, job: ClockJob, options: DrainOptions = {}): Promise<TimerJobRun> {
  if (job.name === 'window') {
    const instants = await dueInstantsBetween(deps.db, new Date(job.at), new Date(job.at + WINDOW_MS));
    await timers.arm(instants);
    return { fired: [], batches: 0, armed: instants.length };
  }
  // Before its instant (clock skew between processes): back at the instant, firing nothing early.
  if (deps.clock().getTime() < job.at) return { fired: [], batches: 0, armed: 0, retryAt: job.at };
  const me = { since: Date.now() };
  running.add(me);
  try {
    return await drain(deps, timers, job, options, me);
  } finally {
    running.delete(me);
  }
}

async function drain(deps: EngineDeps, timers: Pick<ClockTimers, 'schedule' | 'helpers'>, job: ClockJob, options: DrainOptions, me: { since: number }): Promise<TimerJobRun> {
  const limit = options.limit ?? STEPS_PER_BATCH;
  const fired: FiredStep[] = [];
  let batches = 0;
  let helped = job.name === 'helper';
  for (;;) {
    me.since = Date.now();
    const batch = await fireDueSteps(deps, { dueBy: deps.clock(), limit });
    batches += 1;
    fired.push(...batch.fired);
    options.fired?.(batch.fired);
    // A next step already due (a short limit's reminder and yellow card come at once) is this
    // drain's next batch, not a job of its own; were the drain to die first, the catch-up fires it.
    const now = deps.clock().getTime();
    const later = batch.next.filter((t) => t.at.getTime() > now);
    const dueNow = batch.next.length - later.length;
    await timers.schedule(later);
    // Short with nothing due next, or every step it claimed was held by a command: nothing more for this drain.
    if ((batch.claimed < limit && dueNow === 0) || batch.fired.length === 0) break;
    if (!helped && batch.claimed >= limit) {
      helped = true;
      await timers.helpers(job.at, options.helpers ?? DRAIN_HELPERS);
    }
  }
  if (job.name === 'drain') {
    const commands = await fireDueCommandSteps(deps, deps.clock(), limit);
    fired.push(...commands.fired);
    options.fired?.(commands.fired);
    await timers.schedule(commands.next);
  }
  return { fired, batches, armed: 0 };
}

/**
 * A catch-up round's options beside a drain's: with `deferToDrains` (ms) it fires nothing while a
 * drain's batch that began less than that ago is in flight in some process.
 */
export type CatchUpOptions = Omit<DrainOptions, 'helpers'> & { deferToDrains?: number };

/**
 * The catch-up each worker runs four times a second (services/worker/src/catch-up.ts): steps
 * overdue by more than `graceMs` that no drain has fired (a worker killed mid-drain, whose job
 * BullMQ holds until it calls it stalled; a step a batch left because a command held its issue;
 * Redis lost) are fired here, in one batch, and their next timers set. A live drain fires its
 * steps well within the grace, so on a healthy day this finds nothing.
 */
export async function runOverdueSteps(deps: EngineDeps, timers: TimerPort, graceMs: number, options: CatchUpOptions = {}): Promise<FiredStep[]> {
  const { fired, next } = await fireOverdueSteps(deps, new Date(deps.clock().getTime() - graceMs), options.limit ?? STEPS_PER_BATCH, { deferToDrains: options.deferToDrains });
  if (fired.length > 0) {
    options.fired?.(fired);
    await timers.schedule(next);
  }
  return fired;
}
