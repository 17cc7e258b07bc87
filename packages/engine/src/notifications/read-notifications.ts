import { sql } from 'kysely';
import { DomainError } from '@huiyin/domain';
import { type Db, decodeCursor, encodeCursor, rowLimit } from '@huiyin/store';

export type ListNotificationsQuery = { unread?: boolean | undefined; limit: number; cursor?: string | undefined };

const columns = ['id', 'issue_id as issueId', 'subject', 'body', 'link', 'created_at as createdAt', 'read_at as readAt'] as const;

/** An account's own inbox, newest first, one keyset page at a time. */
export async function listNotifications(db: Db, accountId: string, q: ListNotificationsQuery) {
  const cursor = decodeCursor(q.cursor);
  let query = db.selectFrom('notifications').select(columns).where('account_id', '=', accountId);
  if (q.unread) query = query.where('read_at', 'is', null);
  if (cursor) query = query.where(sql<boolean>`(created_at, id) < (${cursor.at}, ${cursor.id}::uuid)`);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(rowLimit(q.limit + 1))
    .execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { items: page, nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null };
}

export async function countUnreadNotifications(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the account's own notifications read (the first time counts); another's is 404. */
export async function markNotificationRead(db: Db, accountId: string, id: string, now: Date) {
  const row = await db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`coalesce(read_at, ${now})` })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .returning(columns)
    .executeTakeFirst();
  if (!row) throw new DomainError('notification.not_found', 'no such notification');
  return row;
}

/** Marks every unread notification of the account read; returns how many were unread. */
export async function markAllNotificationsRead(db: Db, accountId: string, now: Date): Promise<number> {
  const result = await db.updateTable('notifications').set({ read_at: now }).where('account_id', '=', accountId).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
