import type { WorkingCalendar } from '@huiyin/calendar';
import type { ClockStep } from '@huiyin/domain';
import type { Db } from '@huiyin/store';

/**
 * One timer to set: the next step of a clock and when it falls due. The timers are keyed by due
 * time, not by clock (`@huiyin/timers`): setting one twice, or two for the same instant, sets one.
 */
export type TimerRequest = {
  clockId: string;
  step: ClockStep;
  version: number;
  at: Date;
};

/** Where timers go once the transaction that asked for them has committed (`@huiyin/timers` on BullMQ). */
export type TimerPort = {
  schedule(requests: readonly TimerRequest[]): Promise<void>;
};

/** The few logger methods the engine calls (pino's shape: object first, constant message). */
export type EngineLog = { warn(obj: Record<string, unknown>, msg: string): void };

/** The engine's ports: every use case takes these and nothing else from the outside world. */
export type EngineDeps = {
  db: Db;
  calendar: WorkingCalendar;
  /** The engine's clock; tests move it. Domain code never calls Date.now(). */
  clock: () => Date;
  /**
   * Where committed changes set their clock timers. Without it, or when it fails, the worker's
   * reconciler sets them from PostgreSQL (Redis holds nothing that cannot be rebuilt).
   */
  timers?: TimerPort | undefined;
  log?: EngineLog | undefined;
};

/**
 * Sets a committed change's timers: the one place use cases hand timers over. A failure is
 * logged and left to the reconciler; the change itself has committed and stands.
 */
export async function setTimers(deps: EngineDeps, timers: readonly TimerRequest[]): Promise<void> {
  if (timers.length === 0 || !deps.timers) return;
  await deps.timers.schedule(timers).catch((err: unknown) => deps.log?.warn({ err }, 'timers not set; the reconciler will'));
}
