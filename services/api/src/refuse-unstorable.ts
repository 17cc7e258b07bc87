import type { FastifyRequest } from 'fastify';
import { DomainError } from '@huiyin/domain';

/** A UTF-16 surrogate without its other half: no UTF-8 (nor PostgreSQL's json) can hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or null. */
export function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone UTF-16 surrogate (\\ud800–\\udfff without its pair)';
  return null;
}

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
