export type { CalendarDay, DayKind, ExtraDay } from './calendar-day.ts';
export { SHANGHAI_OFFSET_MS, endOfShanghaiDay, shanghaiDate, shanghaiMinute, shanghaiSecond, shanghaiText } from './shanghai-time.ts';
export type { LimitUnit, TimeLimit } from './time-limit.ts';
export { createWorkingCalendar, type CalendarOptions, type WorkingCalendar } from './working-calendar.ts';
