import type { NoticeKind } from './notice.ts';

/** The outbox topics of the channels beside mail (README.md#notice-channels). */
export type ChannelTopic = 'wecom' | 'dingtalk' | 'sms';
export const CHANNEL_TOPICS: readonly ChannelTopic[] = ['wecom', 'dingtalk', 'sms'];

/**
 * One message for a channel as the outbox keeps it: for a group robot (`wecom`, `dingtalk`) the
 * webhook's id, read with its URL and secret when sent; for `sms` the mobiles. `link` is a
 * console path, made absolute with the public URL when sent.
 */
export type ChannelMessage = { kind: NoticeKind; subject: string; text: string; link: string | null; hook?: string | undefined; to?: string[] | undefined };
