import { z } from 'zod';

/** What became of each issue of a batch action, in the order asked (a repeated id once). */
export const BatchResult = z
  .object({
    ok: z.number().int().meta({ description: 'How many were done' }),
    refused: z.number().int().meta({ description: 'How many were refused' }),
    items: z.array(
      z.object({
        id: z.string().meta({ format: 'uuid' }),
        outcome: z.enum(['ok', 'refused']),
        number: z.string().nullable().meta({ description: 'After `ok`: the issue’s number' }),
        state: z.string().nullable().meta({ description: 'After `ok`: the state it is in now' }),
        version: z.number().int().nullable().meta({ description: 'After `ok`: its version now' }),
        code: z.string().nullable().meta({ description: 'After `refused`: the code its own request would have got (e.g. `issue.wrong_state`)' }),
        detail: z.string().nullable().meta({ description: 'After `refused`: why' }),
        field: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'BatchResult' });
