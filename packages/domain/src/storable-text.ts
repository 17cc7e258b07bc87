/** A UTF-16 surrogate without its other half: no UTF-8 (nor PostgreSQL's json) can hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why PostgreSQL could not store a string as text or json, or null: a NUL character, or a lone
 * surrogate. Reaching a statement, either would be a 500; the API refuses both on every route
 * and a cursor holding either is forged.
 */
export function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone UTF-16 surrogate (\\ud800–\\udfff without its pair)';
  return null;
}
