import { z } from 'zod';

export const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

/** Each backend the process needs, `ok` or why it did not answer within two seconds. */
export const Readiness = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.record(z.string(), z.string()).meta({ description: 'Per backend (database, timers, …): `ok` or why not' }),
  })
  .meta({ id: 'Readiness' });
