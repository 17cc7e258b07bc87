import type { Answer, CalendarDay, CalendarDayWithdrawn, CalendarDaysDeclared, SaveCalendarDaysInput } from '@huiyin/contract';
import { get, post, request } from './client.ts';

export type Day = Answer<typeof CalendarDay>;
export type Declared = Answer<typeof CalendarDaysDeclared>;
export type Withdrawn = Answer<typeof CalendarDayWithdrawn>;

/** The working-day calendar and the days admins declare over it (README.md, 工作日历). */
export const workCalendar = {
  days: (from: string, to: string) => get<{ items: Day[] }>('/api/v1/calendar/days', { from, to }),
  declare: (input: SaveCalendarDaysInput) => post<Declared>('/api/v1/calendar/days', input),
  withdraw: (date: string) => request<Withdrawn>('DELETE', `/api/v1/calendar/days/${date}`),
};
