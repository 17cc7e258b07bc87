import type { FastifyReply } from 'fastify';
import { endOfShanghaiDay, shanghaiDate } from '@huiyin/calendar';
import { DomainError } from '@huiyin/domain';
import type { Db } from '@huiyin/store';

export type UploadQuota = { bytes: number; count: number };

const DAY_MS = 86_400_000;

/** What an account has uploaded since the Shanghai midnight that started `now`'s day, and when that day ends. */
async function usedToday(db: Db, accountId: string, now: Date) {
  const ends = endOfShanghaiDay(shanghaiDate(now));
  const row = await db
    .selectFrom('attachments')
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.coalesce(eb.fn.sum<string>('size_bytes'), eb.lit(0)).as('bytes')])
    .where('uploaded_by', '=', accountId)
    .where('created_at', '>=', new Date(ends.getTime() - DAY_MS))
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), bytes: Number(row.bytes), ends };
}

/**
 * 429 `attachment.quota_exceeded` with Retry-After (the seconds to the next Shanghai midnight)
 * when one more file of `size` bytes would pass the account's daily quota. Uploads that were
 * swept (never attached) still count while their rows last, which is the day itself.
 */
export async function refuseOverQuota(db: Db, reply: FastifyReply, quota: UploadQuota, accountId: string, size: number, now: Date): Promise<void> {
  const used = await usedToday(db, accountId, now);
  const over = used.count + 1 > quota.count ? `${quota.count} files` : used.bytes + size > quota.bytes ? `${quota.bytes} bytes` : null;
  if (!over) return;
  reply.header('retry-after', String(Math.max(1, Math.ceil((used.ends.getTime() - now.getTime()) / 1000))));
  throw new DomainError('attachment.quota_exceeded', `at most ${over} a day per account; try again after ${used.ends.toISOString()}`, {
    field: 'file',
    details: { quota: { bytes: quota.bytes, count: quota.count }, used: { bytes: used.bytes, count: used.count } },
  });
}
