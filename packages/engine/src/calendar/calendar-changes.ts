import { listen, type Listening } from '@huiyin/store';

/** The PostgreSQL channel on which a declaration of days is announced, on commit. */
export const CALENDAR_CHANNEL = 'huiyin_calendar';

export type CalendarFollower = Listening;

/**
 * Calls `onChange` whenever any process (the API, the CLI's `calendar import`) declares days, so
 * every running API and worker answers with the new calendar at once instead of at its next
 * start. When the listening connection was lost it calls `onChange` once more on listening
 * again, since announcements made meanwhile were not heard.
 */
export function followCalendarChanges(databaseUrl: string, onChange: () => Promise<void>, onError: (err: unknown) => void = () => {}): CalendarFollower {
  const changed = () => void onChange().catch(onError);
  return listen(databaseUrl, CALENDAR_CHANNEL, { onNotice: changed, onLive: (again) => again && changed(), onLost: onError }, 'huiyin-calendar-listener');
}
