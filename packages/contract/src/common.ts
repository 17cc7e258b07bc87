import { z } from 'zod';

export const Id = z.uuid();

/**
 * The one range of dates the API takes, on every route (docs/api.md#dates): from 2000-01-01 to
 * 2099-12-31, as written. A period, a month, a day or a time outside it is a 400 naming the
 * field, before anything reaches PostgreSQL (a bulletin for 7383-08-H1 was stored).
 */
export const DATE_RANGE = { first: '2000-01-01', last: '2099-12-31' } as const;
export const DATE_RANGE_MESSAGE = `a date from ${DATE_RANGE.first} to ${DATE_RANGE.last}`;
/** Whether a `YYYY-MM-DD…` text (a day, or a time starting with its day) falls in the range. */
export const inDateRange = (text: string) => text.slice(0, 10) >= DATE_RANGE.first && text.slice(0, 10) <= DATE_RANGE.last;
/** Whether a year (of a period or a month) falls in the range. */
export const inYearRange = (year: number) => year >= Number(DATE_RANGE.first.slice(0, 4)) && year <= Number(DATE_RANGE.last.slice(0, 4));

/** An offset PostgreSQL takes: at most 15:59 either way (-23:59 was a 500). */
const offsetTaken = (time: string) => {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(time);
  return !m || Number(m[2]) <= 15;
};

/** A time with its offset, e.g. 2026-11-27T10:00:00+08:00, in the range. */
export const Instant = z.iso
  .datetime({ offset: true, error: 'an ISO 8601 time with an offset, e.g. 2026-11-27T10:00:00+08:00' })
  .refine(inDateRange, DATE_RANGE_MESSAGE)
  .refine(offsetTaken, 'an offset of at most ±15:59');
/** Bidirectional embeddings, overrides and isolates: they make text display as other text (`invoice\u202efdp.exe` shows as `invoiceexe.pdf`). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
/** What shows nothing: white space, format characters and the code points Unicode says to ignore (zero-width, fillers, variation selectors, tags). */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

/** Why a text would display as something else, or as nothing at all; null when it is fine. */
export function misleading(text: string): string | null {
  if (BIDI_CONTROLS.test(text)) return 'must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)';
  if (text.replace(INVISIBLE, '').length === 0) return 'must contain a visible character';
  return null;
}

/** Free text of at most `max` characters, trimmed, that displays as what it says. */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((v, ctx) => {
      // An empty text is already refused by min(1): one message per field.
      const why = v.length > 0 ? misleading(v) : null;
      if (why) ctx.addIssue({ code: 'custom', message: why });
    });

export const TimeLimit = z.strictObject({
  amount: z.number().int().positive().max(10_000),
  unit: z.enum(['workingDays', 'workingHours', 'hours', 'minutes', 'seconds']),
});
export type TimeLimit = z.infer<typeof TimeLimit>;

/** Optimistic concurrency: the version the client last saw; a stale one is a 409. */
export const ExpectedVersion = z.strictObject({ expectedVersion: z.number().int().positive().optional() });

export const Page = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
});
