import { z } from 'zod';
import { Time } from './common.ts';

/** A 催办 pressed: on the issue's ledger, its lead unit told. */
export const ReminderPressed = z
  .object({
    issueId: z.string().meta({ format: 'uuid' }),
    number: z.string(),
    presser: z.enum(['enterprise', 'leader']),
    pressedAt: Time,
    count: z.number().int().meta({ description: 'How many times the issue has been pressed in all, this one included' }),
    version: z.number().int().meta({ description: 'The issue’s version after the press (it is a ledger event)' }),
  })
  .meta({ id: 'ReminderPressed' });
