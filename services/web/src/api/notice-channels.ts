import type { Answer, NoticeChannels, NoticeWebhook } from '@huiyin/contract';
import { get, post, request } from './client.ts';

export type Channels = Answer<typeof NoticeChannels>;
export type Webhook = Answer<typeof NoticeWebhook>;
export type WebhookInput = { ownerKind: 'unit' | 'leader'; ownerId: string; vendor: 'wecom' | 'dingtalk'; url: string; secret?: string | null };

/** The notice channels beside mail (admin; README.md#notice-channels). */
export const noticeChannels = {
  list: () => get<Channels>('/api/v1/admin/notice-channels'),
  setWebhook: (input: WebhookInput) => post<Webhook>('/api/v1/admin/notice-webhooks', input),
  removeWebhook: (id: string) => request<void>('DELETE', `/api/v1/admin/notice-webhooks/${id}`),
};
