import { z } from 'zod';

/** An uploaded file, to be named by id when filing or supplying documents. */
export const Attachment = z
  .object({
    id: z.string(),
    filename: z.string(),
    mediaType: z.string().meta({ description: 'Read from the content, never from the name or the client' }),
    sizeBytes: z.number().int(),
    sha256: z.string().meta({ description: 'Hex' }),
  })
  .meta({ id: 'Attachment' });
