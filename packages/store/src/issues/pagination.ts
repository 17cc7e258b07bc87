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
  if (!id || Number.isNaN(t) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new DomainError('validation.invalid', 'not a cursor this API gave out', { field: 'cursor' });
  }
  return { at: new Date(t), id };
}
