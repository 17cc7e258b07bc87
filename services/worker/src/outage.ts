/** What an outage is logged through: pino's warn and info. */
type Log = { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };

/**
 * One line when a backend (`what`) is lost and one when it answers again, however many errors
 * its clients raise meanwhile (ioredis raises one per reconnect attempt). While it is lost,
 * `probe` is tried after 1 s, 2 s, 4 s … up to 30 s between tries; the first answer ends the
 * outage. `down` is what the worker's /ready reports.
 */
export function watchOutage(what: string, log: Log, probe: () => Promise<unknown>, maxDelayMs = 30_000) {
  let since: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tryAgain = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      probe().then(
        () => back(),
        () => tryAgain(Math.min(delayMs * 2, maxDelayMs)),
      );
    }, delayMs);
    timer.unref();
  };
  const back = () => {
    if (since === null) return;
    log.info({ downMs: Date.now() - since }, `${what} answers again`);
    since = null;
  };
  return {
    /** An error from the backend's clients: the first of an outage is logged and starts the probing. */
    failed(err: unknown) {
      if (since !== null || stopped) return;
      since = Date.now();
      log.warn({ err: err instanceof Error ? err.message : String(err) }, `${what} unreachable: retrying with backoff`);
      tryAgain(1000);
    },
    /** The backend answered (a loop's call went through): the outage, if any, is over. */
    answered: back,
    get down() {
      return since !== null;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
