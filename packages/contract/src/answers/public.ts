import { z } from 'zod';
import { Time } from './common.ts';
import { LedgerCheckpoint, LedgerPublicKey } from './ledger.ts';
import { ReportRate } from './reports.ts';

const Hours = z.number().nullable().meta({ description: 'Median elapsed hours from filing to closing of the issues closed in the period, one decimal; null when none closed' });

export const PublicUnitLine = z
  .object({
    periodId: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    response: ReportRate,
    resolution: ReportRate,
    satisfaction: ReportRate,
    score: z.number().nullable(),
    filed: z.number().int(),
    closed: z.number().int(),
    overdue: z.number().int(),
    medianHandlingHours: Hours,
  })
  .meta({ id: 'PublicUnitLine', description: "One unit's 三率 and counts for one half-month period" });

export const PublicCategoryLine = z
  .object({ periodId: z.string(), categoryId: z.string(), categoryName: z.string(), filed: z.number().int(), closed: z.number().int(), medianHandlingHours: Hours })
  .meta({ id: 'PublicCategoryLine', description: "One category's counts for one half-month period" });

/** 政务公开: figures anyone may read, with no issue, enterprise, person or text in them. */
export const PublicFigures = z
  .object({
    asOf: Time.meta({ description: 'When these figures were computed (they are cached for a few minutes)' }),
    periods: z.array(z.object({ id: z.string(), label: z.string(), start: Time, end: Time })),
    units: z.array(PublicUnitLine),
    categories: z.array(PublicCategoryLine),
    checkpoints: z.array(LedgerCheckpoint).meta({ description: 'The latest signed ledger checkpoints, newest first' }),
    publicKey: LedgerPublicKey,
  })
  .meta({ id: 'PublicFigures', description: '政务公开: per unit and per category, per half-month, and the latest ledger checkpoints' });
