import pg from 'pg';

/** How long to wait before listening again after the connection is lost. @defaultValue 1 s */
const RECONNECT_MS = 1000;

export type Listening = { close(): Promise<void> };

export type ListenHandlers = {
  onNotice(payload: string): void;
  /** Notices flow: `again` after a loss, when those sent meanwhile were not heard. */
  onLive?(again: boolean): void;
  /** The connection is lost (or could not be opened); notices are not heard until `onLive`. */
  onLost?(error: unknown): void;
};

/**
 * Listens to a PostgreSQL channel on a connection of its own and keeps listening: when the
 * connection is lost it says so and listens again a second later. PostgreSQL does not replay
 * notices sent while nobody listened, hence `onLost` and `onLive(again)`.
 */
export function listen(databaseUrl: string, channel: string, handlers: ListenHandlers, applicationName = `huiyin-${channel}`): Listening {
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const open = async (again: boolean) => {
    const c = new pg.Client({ connectionString: databaseUrl, application_name: applicationName });
    client = c;
    c.on('notification', (n) => handlers.onNotice(n.payload ?? ''));
    c.on('error', lost);
    c.on('end', () => lost(new Error('the listening connection ended')));
    try {
      await c.connect();
      await c.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      lost(err);
      return;
    }
    if (client === c) handlers.onLive?.(again);
  };
  function lost(err: unknown) {
    if (closed || retry) return;
    const gone = client;
    client = null;
    gone?.removeAllListeners();
    gone?.on('error', () => {});
    void gone?.end().catch(() => {});
    handlers.onLost?.(err);
    retry = setTimeout(() => {
      retry = null;
      void open(true);
    }, RECONNECT_MS);
  }

  void open(false);
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      c?.removeAllListeners();
      c?.on('error', () => {});
      await c?.end().catch(() => {});
    },
  };
}
