import type { FastifyRequest } from 'fastify';
import { DomainError, unstorable } from '@huiyin/domain';

/** The first string (or key) that cannot be stored, as a dotted path below `value` with why, or null. */
function unstorableAt(value: unknown, path: string[], depth = 0): { path: string[]; why: string } | null {
  if (typeof value === 'string') {
    const why = unstorable(value);
    return why ? { path, why } : null;
  }
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const why = unstorable(key);
    if (why) return { path: [...path, JSON.stringify(key).slice(1, -1)], why };
    const found = unstorableAt(inner, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * PostgreSQL stores no NUL character in text or jsonb, and no lone surrogate in json: one
 * reaching a statement would be a 500. Refused before validation, for every route at once,
 * naming the field as zod's errors do (body fields bare, others prefixed `querystring.` or
 * `params.`).
 */
export async function refuseUnstorable(request: FastifyRequest): Promise<void> {
  const found = unstorableAt(request.params, ['params']) ?? unstorableAt(request.query, ['querystring']) ?? (request.isMultipart() ? null : unstorableAt(request.body, []));
  if (found) throw new DomainError('validation.invalid', found.why, { field: found.path.join('.') || 'body' });
}
