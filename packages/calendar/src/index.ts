export type { CalendarDay, DayKind, ExtraDay } from './calendar-day.ts';
export { shanghaiDate, shanghaiMinute } from './shanghai-time.ts';
export type { LimitUnit, TimeLimit } from './time-limit.ts';
export { createWorkingCalendar, type CalendarOptions, type WorkingCalendar } from './working-calendar.ts';
