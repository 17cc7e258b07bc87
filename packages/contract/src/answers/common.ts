import { z } from 'zod';
import { TimeLimit } from '../common.ts';

/**
 * What the API answers, as zod schemas: the routes serialise through them (a field not in its
 * schema is never sent), /openapi.json describes them, and the console reads their types through
 * `Answer`. A schema with an `id` (`.meta({ id })`) is a named component of the document.
 */

/** A moment: a `Date` on the server, an ISO 8601 UTC string on the wire (`format: date-time`). */
export const Time = z.date();
/** A calendar day as `YYYY-MM-DD` (Asia/Shanghai), already text on the server. */
export const Day = z.string().meta({ format: 'date' });

/** A client's view of a server value: every `Date` in it arrives as its ISO string. */
export type Wire<T> = T extends Date ? string : T extends readonly (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;
/** The body a client receives for an answer schema. */
export type Answer<S extends z.ZodType> = Wire<z.output<S>>;

/**
 * A time limit as stored: the input's `TimeLimit` without its bounds and strictness, which an
 * answer must not enforce (serialising checks them: a stored limit over the input's bound would be a 500).
 */
export const Limit = z
  .object({ amount: z.number().int(), unit: TimeLimit.shape.unit })
  .meta({ id: 'TimeLimit', description: 'A time limit: working days and hours follow the working calendar; hours, minutes and seconds are elapsed time' });

/** One keyset page: the items and the cursor of the next page (null on the last). */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
/** A whole list in one answer. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** An answer with no body (204). */
export const NoContent = z.undefined();

/** A file download: the body is the file itself (a Buffer or a stream on the server, never serialised). */
export const FileBody = z.custom<Uint8Array | string | AsyncIterable<unknown>>().meta({ type: 'string', format: 'binary' });

/**
 * Every refusal and failure: RFC 9457 problem details (`application/problem+json`),
 * docs/api.md#refusals. Open to extension members, as the RFC has it: a refusal may add what
 * explains it (`track`, `maxExtension`, `appealId` …).
 */
export const Problem = z
  .looseObject({
    type: z.string().meta({ description: 'A URI naming the kind of problem: https://huiyin.dev/problems/{code}, or about:blank' }),
    title: z.string().meta({ description: 'The kind of problem in a few words' }),
    status: z.number().int().meta({ description: 'The HTTP status, repeated' }),
    detail: z.string().meta({ description: 'What went wrong in this request' }),
    instance: z.string().meta({ description: 'The path and query asked for' }),
    code: z.string().optional().meta({ description: 'A stable machine-readable code, e.g. validation.failed, issue.wrong_state' }),
    errors: z
      .array(z.object({ field: z.string().meta({ description: 'The field, dotted: body fields by name, others prefixed querystring., params., headers.' }), message: z.string() }))
      .optional()
      .meta({ description: 'One entry per field at fault' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
