import { z } from 'zod';
import { DATE_RANGE_MESSAGE, inYearRange } from '@huiyin/contract';

/** A month as the reports name it (2026-11), within the years the engine accepts. */
const MonthId = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
  .refine((m) => inYearRange(Number(m.slice(0, 4))), DATE_RANGE_MESSAGE);

/** Issues a hot spot needs at least to be listed. */
export const MinIssues = z.coerce.number().int().min(1).max(1000).optional();

/** The monthly pack's query, for its JSON, XLSX and print view alike. */
export const MonthQuery = z.object({ month: MonthId, minIssues: MinIssues });
