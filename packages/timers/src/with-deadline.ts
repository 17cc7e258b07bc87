import type { TimerPort } from '@huiyin/engine';

/**
 * A timer port that gives up after `ms`: while Redis is down, ioredis queues commands rather than
 * failing, and a request that set timers would hang with it. The change is already committed in
 * PostgreSQL; the queued add still lands when Redis returns, and the reconciler covers the rest.
 */
export function withDeadline(port: TimerPort, ms: number): TimerPort {
  return {
    schedule(requests) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timers not set within ${ms} ms (is the timer backend up?)`)), ms);
      });
      return Promise.race([port.schedule(requests), deadline]).finally(() => clearTimeout(timer));
    },
  };
}
