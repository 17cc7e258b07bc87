import { z } from 'zod';
import { Role } from './auth.ts';
import { Time } from './common.ts';

export const ImportRowError = z
  .object({
    sheet: z.string().meta({ description: 'The sheet’s title, e.g. 企业' }),
    row: z.number().int().meta({ description: 'Row number as the spreadsheet shows it; 1 is the header (a missing column)' }),
    column: z.string().meta({ description: 'The column’s header' }),
    message: z.string(),
  })
  .meta({ id: 'ImportRowError' });

export const DistrictImportReport = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean().meta({ description: 'Whether anything was written: false on a dry run and whenever `errors` is not empty' }),
    errors: z.array(ImportRowError),
    sheets: z.array(
      z.object({
        sheet: z.enum(['units', 'leaders', 'officials', 'enterprises', 'contacts', 'assignments']),
        title: z.string(),
        created: z.number().int(),
        changed: z.number().int(),
        unchanged: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'DistrictImportReport' });

export const Official = z
  .object({
    id: z.string(),
    accountId: z.string().nullable(),
    login: z.string().nullable(),
    name: z.string(),
    email: z.string().nullable().meta({ description: 'Null except for admins' }),
    phone: z.string().nullable().meta({ description: 'Null except for admins' }),
    roles: z.array(Role),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    leaderId: z.string().nullable(),
    leaderName: z.string().nullable(),
    active: z.boolean(),
    deactivatedAt: Time.nullable(),
  })
  .meta({ id: 'Official' });

export const PasswordResetRequested = z.object({ message: z.string().meta({ description: 'The same words whether or not an account answers to the login' }) }).meta({ id: 'PasswordResetRequested' });

export const CategoryPolicyPreview = z
  .object({
    clocks: z
      .partialRecord(z.enum(['listing', 'claim', 'handling', 'supplement', 'rating', 'assist']), z.number().int())
      .meta({ description: 'Running or paused clocks whose due time would be recomputed, by kind' }),
    issues: z.number().int().meta({ description: 'Open issues those clocks belong to' }),
    tracksRescheduled: z.number().int().meta({ description: 'Running clocks whose next track step would move (a new track policy)' }),
  })
  .meta({ id: 'CategoryPolicyPreview' });
