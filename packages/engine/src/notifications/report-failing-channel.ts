import { shanghaiText } from '@huiyin/calendar';
import type { Db } from '@huiyin/store';
import { enqueueNoticeBatch } from './enqueue-notice-batch.ts';

/** A channel's name for people: the robot's vendor and owner, or the SMS vendor. */
export async function channelName(db: Db, channel: string): Promise<string> {
  if (!channel.startsWith('webhook:')) return channel === 'sms' ? '短信' : channel;
  const hook = await db
    .selectFrom('notice_webhooks as w')
    .leftJoin('units as u', (j) => j.onRef('u.id', '=', 'w.owner_id').on('w.owner_kind', '=', 'unit'))
    .leftJoin('leaders as l', (j) => j.onRef('l.id', '=', 'w.owner_id').on('w.owner_kind', '=', 'leader'))
    .select(['w.vendor', 'u.short_name as unit', 'l.name as leader'])
    .where('w.id', '=', channel.slice('webhook:'.length))
    .executeTakeFirst();
  if (!hook) return '已删除的群机器人';
  return `${hook.unit ?? hook.leader ?? ''}工作群（${hook.vendor === 'wecom' ? '企业微信' : '钉钉'}机器人）`;
}

/**
 * Tells the admins, in their inbox and by mail, that a notice channel keeps failing: the delivery
 * calls this once per run of failures (packages/notify's channel health), and the messages stay
 * in the outbox, retried, until the channel answers again or an admin changes it.
 */
export async function reportFailingChannel(db: Db, channel: string, error: string, at: Date): Promise<void> {
  const name = await channelName(db, channel);
  await db.transaction().execute((trx) =>
    enqueueNoticeBatch(trx, [
      {
        issueId: null,
        notices: [
          {
            audience: [{ role: 'admin' }],
            subject: `【通知渠道故障】${name}连续发送失败`,
            text: `${name}截至 ${shanghaiText(at)} 连续发送失败，最近一次：${error}。未发出的通知保留在发件队列中并继续重试；请在 系统设置 › 通知渠道 查看并修正配置。`,
            dedupeKey: `channel-failing-${channel}-${at.toISOString()}`,
            link: '/admin/notice-channels',
          },
        ],
      },
    ]),
  );
}
