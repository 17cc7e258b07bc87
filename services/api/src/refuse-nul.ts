import type { FastifyRequest } from 'fastify';
import { DomainError } from '@huiyin/domain';

/** The first string holding a NUL character, as a dotted path below `value`, or null. */
function nulAt(value: unknown, path: string[], depth = 0): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key.replaceAll('\u0000', '\\0')];
    const found = nulAt(inner, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * PostgreSQL stores no NUL character in text or jsonb: one reaching a statement would be a 500.
 * Refused before validation, for every route at once, naming the field as zod's errors do
 * (body fields bare, others prefixed `querystring.` or `params.`).
 */
export async function refuseNul(request: FastifyRequest): Promise<void> {
  const field = nulAt(request.params, ['params']) ?? nulAt(request.query, ['querystring']) ?? (request.isMultipart() ? null : nulAt(request.body, []));
  if (field) throw new DomainError('validation.invalid', 'must not contain NUL characters', { field: field.join('.') || 'body' });
}
