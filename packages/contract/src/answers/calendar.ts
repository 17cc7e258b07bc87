import { z } from 'zod';
import { Day, Limit, Time } from './common.ts';

/** What a change of a time-limit rule did to the open issues' due times. */
export const PolicyChangeRecompute = z
  .object({
    recomputed: z.number().int().meta({ description: 'Issues whose due times moved: one `recomputeDue` event each' }),
    unchanged: z.number().int().meta({ description: 'Issues the new rules leave where they were' }),
    skipped: z.number().int().meta({ description: 'Issues that changed meanwhile or closed: their next command or timer sees the new rules' }),
  })
  .meta({ id: 'PolicyChangeRecompute', description: 'Open issues whose due times a policy change recomputed' });

export const CalendarDue = z
  .object({
    from: z.string().meta({ format: 'date-time' }),
    dueAt: z.string().meta({ format: 'date-time' }),
    dueAtShanghai: z.string().meta({ description: 'The due time in Shanghai, `YYYY-MM-DD HH:mm`' }),
    limit: Limit,
    provisional: z.boolean().meta({ description: 'Counted through a year whose holidays are not declared: the due time may still move' }),
    undeclaredYears: z.array(z.number().int()),
  })
  .meta({ id: 'CalendarDue', description: 'When a limit of working days or hours started at `from` is due' });

export const CalendarDay = z
  .object({
    date: Day,
    kind: z.enum(['workday', 'weekend', 'holiday', 'makeup_workday']),
    name: z.string().optional().meta({ description: "The holiday's Chinese name (for a make-up workday, the holiday it makes up for); for a declared day, the name it was declared with" }),
    declared: z.boolean().meta({ description: 'An admin declared this day (`calendar_days`) over the built-in calendar; `DELETE /api/v1/calendar/days/{date}` withdraws it' }),
  })
  .meta({ id: 'CalendarDay' });

/** Without a calendar refresh (no `refreshCalendar`), `recompute` is null: the days apply from the next start. */
export const CalendarDaysDeclared = z.object({ count: z.number().int().meta({ description: 'Days written' }), recompute: PolicyChangeRecompute.nullable() }).meta({ id: 'CalendarDaysDeclared' });

export const CalendarDayWithdrawn = z.object({ recompute: PolicyChangeRecompute.nullable() }).meta({ id: 'CalendarDayWithdrawn' });

export const CalendarStatus = z
  .object({
    nextYear: z.number().int(),
    nextYearDeclared: z.boolean(),
    warn: z.boolean().meta({ description: 'From 1 November, next year is still undeclared' }),
  })
  .meta({ id: 'CalendarStatus', description: "Whether next year's holidays are declared" });

/** One recorded change of a time-limit rule (`policy_changes`): only the fields that changed, before and after. */
export const PolicyChange = z
  .object({
    id: z.string().meta({ description: 'Increasing; the cursor of the next page is the last id' }),
    at: Time,
    subject: z.enum(['category', 'calendar_day']),
    subjectId: z.string().meta({ description: "The category's id, or the date" }),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    by: z.object({ login: z.string(), name: z.string().nullable() }).nullable().meta({ description: 'Who made it; null for the engine (calendar import)' }),
  })
  .meta({ id: 'PolicyChange' });
