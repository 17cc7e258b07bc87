export { createRedis, assertNoEviction } from './connection.ts';
export { createClockTimers, createClockWorker, CLOCK_QUEUE, type ClockJob, type ClockHandler } from './clock-timers.ts';
export { reconcileTimers } from './reconcile.ts';
export { runClockStep } from './run-clock-step.ts';
export { withDeadline } from './with-deadline.ts';
