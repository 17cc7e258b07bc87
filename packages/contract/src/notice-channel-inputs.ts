import { z } from 'zod';
import { Id } from './common.ts';

/** A group robot's webhook: the URL its vendor gave (https in production; http for a local stand-in). */
const WebhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(1000)
  .meta({ description: 'The robot’s webhook URL as WeCom (`…/cgi-bin/webhook/send?key=…`) or DingTalk (`…/robot/send?access_token=…`) gives it' });

/** Sets the WeCom or DingTalk group robot of a unit or a leader (their 工作群); one per owner and vendor. */
export const SetNoticeWebhookInput = z.strictObject({
  ownerKind: z.enum(['unit', 'leader']),
  ownerId: Id,
  vendor: z.enum(['wecom', 'dingtalk']),
  url: WebhookUrl,
  secret: z.string().trim().min(1).max(200).nullable().optional().meta({ description: 'DingTalk’s signing secret (加签, `SEC…`); null or absent: the robot does not sign' }),
  enabled: z.boolean().optional().meta({ description: 'A disabled robot gets nothing. @defaultValue true' }),
});
export type SetNoticeWebhookInput = z.infer<typeof SetNoticeWebhookInput>;

/** A mainland mobile number (11 digits from 1). */
const Mobile = z.string().regex(/^1\d{10}$/, 'an 11-digit mainland mobile number');

/** Where an official's routine notices go; the red card, escalations and 督办单 go to every channel they have. */
export const SetNoticeChannelsInput = z.strictObject({
  channels: z
    .array(z.enum(['mail', 'sms']))
    .min(1)
    .max(2)
    .refine((xs) => new Set(xs).size === xs.length, 'each channel once'),
  phone: Mobile.nullable().optional().meta({ description: 'The mobile for SMS; absent: keep the one on record' }),
});
export type SetNoticeChannelsInput = z.infer<typeof SetNoticeChannelsInput>;
