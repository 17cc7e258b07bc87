import { z } from 'zod';
import { Time } from './common.ts';

/** A channel's run of failures, as the delivery keeps it. */
const ChannelHealth = z.object({
  consecutiveFailures: z.number().int(),
  lastError: z.string().nullable(),
  lastFailedAt: Time.nullable(),
  lastSentAt: Time.nullable(),
  reportedAt: Time.nullable().meta({ description: 'When the admins were told the channel keeps failing; cleared when it sends again' }),
});

export const NoticeWebhook = z
  .object({
    id: z.string(),
    ownerKind: z.enum(['unit', 'leader']),
    ownerId: z.string(),
    ownerName: z.string(),
    vendor: z.enum(['wecom', 'dingtalk']),
    url: z.string().meta({ description: 'The webhook URL with its key or token shortened: the whole one is a credential' }),
    signed: z.boolean().meta({ description: 'Whether a signing secret is set (never shown)' }),
    enabled: z.boolean(),
    updatedAt: Time,
    health: ChannelHealth.nullable(),
  })
  .meta({ id: 'NoticeWebhook' });

export const NoticeChannelFailure = z
  .object({
    outboxId: z.string(),
    channel: z.enum(['wecom', 'dingtalk', 'sms']),
    subject: z.string(),
    issueId: z.string().nullable(),
    attempts: z.number().int(),
    lastError: z.string(),
    createdAt: Time,
    closedAt: Time.nullable().meta({ description: 'Set when the message was closed unsent (not sendable as configured); null while it is retried' }),
  })
  .meta({ id: 'NoticeChannelFailure' });

export const NoticeChannels = z
  .object({
    webhooks: z.array(NoticeWebhook),
    sms: ChannelHealth.nullable(),
    failures: z.array(NoticeChannelFailure).meta({ description: 'The latest 50 channel messages that failed or could not be sent, newest first' }),
  })
  .meta({ id: 'NoticeChannels' });

export const OfficialNoticeChannels = z
  .object({
    officialId: z.string(),
    channels: z.array(z.enum(['mail', 'sms'])),
    hasPhone: z.boolean(),
  })
  .meta({ id: 'OfficialNoticeChannels' });
