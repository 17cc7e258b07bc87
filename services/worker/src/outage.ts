/** Network errors; PostgreSQL's connection-class SQLSTATEs (08…) and 57P01–57P03 (the server shutting down or starting). */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** Whether `err` says the backend could not be reached (rather than that a call went wrong). */
function isUnreachable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = 'code' in err && typeof err.code === 'string' ? err.code : '';
  if (NETWORK.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code)) return true;
  if (err instanceof AggregateError && err.errors.some(isUnreachable)) return true;
  const message = err instanceof Error ? err.message : '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Connection is closed|ECONNREFUSED/i.test(message);
}

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
    clearTimeout(timer);
    timer = setTimeout(() => {
      // Over already (a loop's call went through): no more probing.
      if (since === null) return;
      probe().then(
        () => back(),
        () => tryAgain(Math.min(delayMs * 2, maxDelayMs)),
      );
    }, delayMs);
    timer.unref();
  };
  const back = () => {
    if (since === null) return;
    clearTimeout(timer);
    log.info({ downMs: Date.now() - since }, `${what} answers again`);
    since = null;
  };
  return {
    /**
     * An error from the backend's clients: the first of an outage is logged and starts the
     * probing. One that is not about reaching the backend (a bug, a refused statement) is logged
     * in full each time, as it would be without the watch.
     */
    failed(err: unknown) {
      if (!isUnreachable(err)) {
        log.warn({ err }, `${what}: a call failed`);
        return;
      }
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
