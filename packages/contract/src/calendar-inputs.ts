import { z } from 'zod';
import { DATE_RANGE_MESSAGE, Instant, Text, inDateRange } from './common.ts';

const DAY_MS = 86_400_000;
/** Most dates one listing may span: a leap year in full. */
export const MAX_LISTED_DAYS = 366;
/** Largest amount a due-time query may add. */
export const MAX_DUE_AMOUNT = 1000;

/** A real `YYYY-MM-DD` date (2026-02-30 is refused) in the API's range of dates. */
export const CalendarDate = z.iso.date({ error: 'a real date as YYYY-MM-DD' }).refine(inDateRange, DATE_RANGE_MESSAGE);

export const ExtraDayInput = z.strictObject({
  // In the range of dates, so that a typo like 2207 is caught.
  date: CalendarDate,
  kind: z.enum(['holiday', 'makeup_workday']),
  /** The holiday's Chinese name (for a make-up workday, the holiday it makes up for), e.g. 国庆节. */
  name: Text(50).optional(),
});
export type ExtraDayInput = z.infer<typeof ExtraDayInput>;

/** Holidays and make-up workdays to declare, with where they come from (国办发明电〔2026〕X号, or 'admin'). */
export const SaveCalendarDaysInput = z.strictObject({
  source: Text(200),
  days: z
    .array(ExtraDayInput)
    .min(1)
    .max(400)
    .superRefine((days, ctx) => {
      const seen = new Set<string>();
      days.forEach((day, i) => {
        if (seen.has(day.date)) ctx.addIssue({ code: 'custom', path: [i, 'date'], message: `${day.date} is listed twice` });
        seen.add(day.date);
      });
    }),
});
export type SaveCalendarDaysInput = z.infer<typeof SaveCalendarDaysInput>;

/** A querystring amount: digits only, 1 to MAX_DUE_AMOUNT. */
const Amount = z
  .string()
  .regex(/^\d{1,6}$/, 'a positive integer')
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_DUE_AMOUNT));

/**
 * An instant with its offset (`Z` or `±HH:MM`). An unencoded `+` in a query string arrives as a
 * space, so `2026-11-27T10:00:00 08:00` is read as `+08:00`.
 */
export const OffsetDateTime = z
  .string()
  .transform((s) => s.replace(/ (\d{2}:\d{2})$/, '+$1'))
  .pipe(Instant);

/** When a limit of N working days or working hours started at `from` is due: exactly one of them. */
export const DueQuery = z
  .object({
    from: OffsetDateTime.describe('when the limit starts, with its offset: 2026-11-27T10:00:00+08:00 (encode + as %2B)'),
    workingDays: Amount.optional().describe(`working days, 1 to ${MAX_DUE_AMOUNT}; or workingHours`),
    workingHours: Amount.optional().describe(`working hours, 1 to ${MAX_DUE_AMOUNT}; or workingDays`),
  })
  .superRefine((q, ctx) => {
    const given = [q.workingDays, q.workingHours].filter((n) => n !== undefined).length;
    if (given === 1) return;
    const message = given === 0 ? 'give workingDays or workingHours' : 'give workingDays or workingHours, not both';
    for (const path of ['workingDays', 'workingHours']) ctx.addIssue({ code: 'custom', path: [path], message });
  });
export type DueQuery = z.infer<typeof DueQuery>;

/** Dates `from` to `to` inclusive, at most MAX_LISTED_DAYS of them. */
export const DaysQuery = z.object({ from: CalendarDate, to: CalendarDate }).superRefine(({ from, to }, ctx) => {
  const count = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (count < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (count > MAX_LISTED_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_LISTED_DAYS} days from from` });
});
export type DaysQuery = z.infer<typeof DaysQuery>;
