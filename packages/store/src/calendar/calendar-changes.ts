import pg from 'pg';

/** The PostgreSQL channel on which a declaration of days is announced, on commit. */
export const CALENDAR_CHANNEL = 'huiyin_calendar';

/** How long to wait before listening again after the connection is lost. @defaultValue 1 s */
const RECONNECT_MS = 1000;

export type CalendarFollower = { close(): Promise<void> };

/**
 * Calls `onChange` whenever any process (the API, the CLI's `calendar import`) declares days, so
 * every running API and worker answers with the new calendar at once instead of at its next
 * start. Listens on its own connection; when that is lost it listens again and calls `onChange`
 * once more, since announcements made meanwhile were not heard.
 */
export function followCalendarChanges(databaseUrl: string, onChange: () => Promise<void>, onError: (err: unknown) => void = () => {}): CalendarFollower {
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const changed = () => void onChange().catch(onError);

  const listen = async (missedSome: boolean) => {
    const c = new pg.Client({ connectionString: databaseUrl, application_name: 'huiyin-calendar-listener' });
    client = c;
    c.on('notification', changed);
    c.on('error', (err) => {
      onError(err);
      again();
    });
    c.on('end', again);
    try {
      await c.connect();
      await c.query(`listen ${CALENDAR_CHANNEL}`);
      if (missedSome) changed();
    } catch (err) {
      onError(err);
      again();
    }
  };
  function again() {
    if (closed || retry) return;
    const lost = client;
    client = null;
    lost?.removeAllListeners();
    lost?.on('error', () => {});
    void lost?.end().catch(() => {});
    retry = setTimeout(() => {
      retry = null;
      void listen(true);
    }, RECONNECT_MS);
  }

  void listen(false);
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
