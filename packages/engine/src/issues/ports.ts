import type { WorkingCalendar } from '@huiyin/calendar';
import type { Db } from '@huiyin/store';

/** What the issue use cases need: the database, the working calendar and a clock. */
export type StoreDeps = {
  db: Db;
  calendar: WorkingCalendar;
  /** The engine's clock; tests move it. Domain code never calls Date.now(). */
  now: () => Date;
};
