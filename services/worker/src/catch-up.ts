import { setTimeout as sleep } from 'node:timers/promises';
import { escalateOverdueOrders, type FiredStep, type EngineDeps, type TimerPort } from '@huiyin/engine';
import { drainingHere, runOverdueSteps, STEPS_PER_BATCH } from '@huiyin/timers';

/** What the catch-up tells its process: the steps it fired, or why a round failed. */
export type CatchUpReport = { fired(steps: FiredStep[]): void; escalated?(orderIds: string[]): void; failed(err: unknown): void };

/** A drain's batch older than this is stuck, not draining: it no longer holds the catch-up back. */
const DEFER_MS = 10_000;

/**
 * Escalations within a second even when a step's job cannot run it: a worker killed mid-job
 * keeps the job's BullMQ lock for up to 15 s, and Redis may be down or emptied. Four times a
 * second this asks PostgreSQL for steps overdue by more than `graceMs` and fires them (two
 * indexed reads when there are none; a batch of up to 500 (`STEPS_PER_BATCH`) when there are, at
 * once again while batches come back full). SKIP LOCKED and each clock's version keep every step
 * once, whichever worker or job gets there first. While a drain is at work, a round fires no
 * steps: the drain claims them itself, and a step it left (its issue held by a command) is
 * claimed again by its next batch. A drain of this process is known here; another process's, by
 * the mark its batch holds in PostgreSQL (`markDraining`), which a killed worker's connection lets
 * go. Only a batch begun less than `DEFER_MS` ago holds it back, so a burst of any length is left
 * to its drains and a stuck batch for no longer than that. Each round also escalates the 督办单
 * past their reply due time (`escalateOverdueOrders`).
 */
export function startCatchUp(deps: EngineDeps, timers: TimerPort, report: CatchUpReport, options: { graceMs?: number; everyMs?: number } = {}): { stop(): Promise<void> } {
  const graceMs = options.graceMs ?? 500;
  const everyMs = options.everyMs ?? 250;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        // Reported as they commit: a failure setting their next timers does not hide them.
        const fired = drainingHere(DEFER_MS) ? [] : await runOverdueSteps(deps, timers, graceMs, { fired: report.fired, deferToDrains: DEFER_MS });
        // 督办单 have no job of their own: their reply clocks are enforced here.
        const escalated = await escalateOverdueOrders(deps);
        if (escalated.length > 0) report.escalated?.(escalated);
        if (fired.length < STEPS_PER_BATCH) await sleep(everyMs);
      } catch (err) {
        report.failed(err);
        await sleep(1000);
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
