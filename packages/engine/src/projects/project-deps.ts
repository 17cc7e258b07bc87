import type { StoreDeps } from '../issues/ports.ts';
import type { TimerPort, TimerRequest } from '../clocks/timer-request.ts';

/**
 * What the project use cases need: the store's deps and, where committed changes set their
 * clock timers, the timer port (the API's deps carry it). Without it, or when Redis refuses,
 * the reconciler sets them from PostgreSQL within minutes.
 */
export type ProjectDeps = StoreDeps & { timers?: TimerPort | undefined };

/** Sets a committed change's timers; a failure is left to the reconciler, as for issues. */
export async function setProjectTimers(deps: ProjectDeps, timers: readonly TimerRequest[]): Promise<void> {
  if (timers.length === 0 || !deps.timers) return;
  await deps.timers.schedule(timers).catch(() => undefined);
}
