export { createClockTimers, createClockWorker, CLOCK_QUEUE, CLOCK_STEP_ATTEMPTS, type ClockTimers, type ClockJob, type ClockHandler } from './clock-timers.ts';
export { instantOf, instantsOf, jobsOf, instantJobId, BUCKET_MS, WINDOW_MS, WINDOW_LEAD_MS, HORIZON_MS, NEAR_MS, type DueInstant, type TimerJobData, type TimerJobName } from './due-instants.ts';
export { dueInstants, dueInstantsBetween } from './due-instants-sql.ts';
export { reconcileTimers } from './reconcile.ts';
export { runTimerJob, runOverdueSteps, drainingHere, STEPS_PER_BATCH, DRAIN_HELPERS, type TimerJobRun, type DrainOptions } from './run-timer-job.ts';
export { withDeadline } from './with-deadline.ts';
export { watchRedisLoss, sentinelKey, type RedisLossWatch, type RedisLossReason } from './redis-loss-watch.ts';
export { serversProblem } from './preflight.ts';
export { createQueueCounts } from './queue-counts.ts';
