import { z } from 'zod';

export const Id = z.uuid();
export const Text = (max: number) => z.string().trim().min(1).max(max);

export const TimeLimit = z.object({
  amount: z.number().int().positive().max(10_000),
  unit: z.enum(['workingDays', 'workingHours', 'hours', 'minutes', 'seconds']),
});
export type TimeLimit = z.infer<typeof TimeLimit>;

/** Optimistic concurrency: the version the client last saw; a stale one is a 409. */
export const ExpectedVersion = z.object({ expectedVersion: z.number().int().positive().optional() });

export const Page = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
});
