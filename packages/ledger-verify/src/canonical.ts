/**
 * PostgreSQL's jsonb text form, which the ledger's hashes are taken over: object keys sorted
 * (shorter first, then byte by byte in UTF-8) with the last of duplicate keys kept, `", "` between
 * items and `": "` after keys, strings escaped as JSON does, numbers in plain decimal notation.
 */
export function jsonbText(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return plainNumber(value);
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort(jsonbKeyOrder);
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText((value as Record<string, unknown>)[k])}`).join(', ')}}`;
  }
  throw new Error(`not a JSON value: ${typeof value}`);
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** jsonb's key order: by length in bytes, then by the bytes. */
function jsonbKeyOrder(a: string, b: string): number {
  const ba = utf8(a);
  const bb = utf8(b);
  return ba.length - bb.length || Buffer.compare(ba, bb);
}

/**
 * A number as jsonb prints it: PostgreSQL's numeric keeps the digits it was given and never
 * prints an exponent, so 1e21 is 1000000000000000000000 and 1e-7 is 0.0000001. The shortest
 * digits that round-trip (JavaScript's) are the ones the engine wrote.
 */
function plainNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a JSON number: ${n}`);
  const text = String(n);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, rest = '', exp] = match;
  const digits = `${lead}${rest}`;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
