import type { ChannelMessage, ChannelTopic } from '@huiyin/domain';
import { aliyunSms } from './aliyun-sms.ts';
import { sendDingtalk } from './dingtalk-robot.ts';
import type { SmsCredentials, SmsProvider } from './sms-provider.ts';
import { tencentSms } from './tencent-sms.ts';
import { sendWecom } from './wecom-robot.ts';

/** The SMS settings the sender needs (packages/config `sms` has this shape). */
export type SmsSettings = SmsCredentials & { provider: 'aliyun' | 'tencent'; templates: Readonly<Record<string, string>> };

/** A group robot as stored (`notice_webhooks`). */
type Robot = { url: string; secret: string | null };

/** What happened to one message: sent, or not sendable as configured (no template for its kind, no SMS vendor). */
type SendOutcome = { sent: true } | { sent: false; why: string };

export type ChannelSender = {
  send(topic: ChannelTopic, message: ChannelMessage, o: { robot: Robot | null; outId: string; at: Date }): Promise<SendOutcome>;
};

/** The longest template variable we send: the vendors bound each (Aliyun 35 characters for most kinds). */
const PARAM_MAX = 35;

/** The one variable each template gets: `title`, the notice's subject (the digest's counts). */
const smsParams = (message: ChannelMessage): Array<[string, string]> => [['title', [...message.subject].slice(0, PARAM_MAX).join('')]];

/**
 * Sends channel messages: group robots by their URL (WeCom, DingTalk with its signature), SMS
 * through the configured vendor with the template of the notice's kind. Throws when the vendor
 * refuses or cannot be reached, so the caller retries.
 */
export function createChannelSender(o: { publicUrl: string; sms: SmsSettings | null }): ChannelSender {
  const provider: SmsProvider | null = o.sms ? (o.sms.provider === 'aliyun' ? aliyunSms(o.sms) : tencentSms(o.sms)) : null;
  return {
    async send(topic, message, { robot, outId, at }) {
      if (topic === 'sms') {
        if (!provider || !o.sms) return { sent: false, why: '未配置短信服务商（SMS_PROVIDER）' };
        const templateId = o.sms.templates[message.kind];
        if (!templateId) return { sent: false, why: `未配置「${message.kind}」类通知的短信模板（SMS_TEMPLATES）` };
        await provider.send({ to: message.to ?? [], templateId, params: smsParams(message), outId }, at);
        return { sent: true };
      }
      if (!robot) return { sent: false, why: '群机器人已删除或停用' };
      if (topic === 'wecom') await sendWecom(robot.url, message, o.publicUrl);
      else await sendDingtalk(robot.url, robot.secret, message, o.publicUrl, at);
      return { sent: true };
    },
  };
}
