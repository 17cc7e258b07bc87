export { createClockTimers, createClockWorker, clockJobData, clockJobOf, CLOCK_QUEUE, CLOCK_STEP_ATTEMPTS, type ClockJob, type ClockJobData, type ClockHandler } from './clock-timers.ts';
export { reconcileTimers } from './reconcile.ts';
export { runClockStep, runOverdueSteps, STEPS_PER_BATCH, type ClockStepRun } from './run-clock-step.ts';
export { withDeadline } from './with-deadline.ts';
export { watchRedisLoss, sentinelKey, type RedisLossWatch, type RedisLossReason } from './redis-loss-watch.ts';
export { timerJobId } from './job-id.ts';
export { serversProblem } from './preflight.ts';
export { createQueueCounts } from './queue-counts.ts';
