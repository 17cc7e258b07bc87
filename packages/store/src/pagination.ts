import { DomainError } from '@huiyin/domain';

/** Keyset cursor over (time desc, id desc): pages stay fast however deep the list. */
export type Cursor = { at: Date; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.at.toISOString()}|${c.id}`).toString('base64url');
}

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  const [at, id] = Buffer.from(raw, 'base64url').toString().split('|');
  const t = Date.parse(at ?? '');
  const year = new Date(t).getUTCFullYear();
  // Both go to PostgreSQL as a timestamptz and a uuid: anything else would fail there, as a 500.
  if (!id || Number.isNaN(t) || year < 1 || year > 9999 || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    throw new DomainError('validation.invalid', 'not a cursor this API gave out', { field: 'cursor' });
  }
  return { at: new Date(t), id };
}
