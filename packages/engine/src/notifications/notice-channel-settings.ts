import { sql } from 'kysely';
import { DomainError, hasRole, type Actor } from '@huiyin/domain';
import type { Db } from '@huiyin/store';
import { unknownReference } from '../issues/command-helpers.ts';
import { channelName } from './report-failing-channel.ts';

const adminOnly = (actor: Actor) => {
  if (actor.kind !== 'official' || !hasRole(actor, 'admin')) throw new DomainError('auth.forbidden', 'notice channels are set by an admin');
};

/** A webhook URL with its key or token cut short: the whole URL lets anyone post to the group. */
export function maskWebhookUrl(url: string): string {
  return url.replace(/([?&](?:key|access_token)=)([^&]{0,4})[^&]*/g, '$1$2…');
}

type Health = { consecutive_failures: number; last_error: string | null; last_failed_at: Date | null; last_sent_at: Date | null; reported_at: Date | null };
const healthOf = (h: Health | undefined) =>
  h ? { consecutiveFailures: h.consecutive_failures, lastError: h.last_error, lastFailedAt: h.last_failed_at, lastSentAt: h.last_sent_at, reportedAt: h.reported_at } : null;

/** Every group robot with its health, the SMS vendor's health, and the latest messages that failed (admin). */
export async function listNoticeChannels(db: Db, actor: Actor) {
  adminOnly(actor);
  const [hooks, health, failures] = await Promise.all([
    db.selectFrom('notice_webhooks').selectAll().orderBy('owner_kind').orderBy('updated_at').execute(),
    db.selectFrom('notice_channel_health').selectAll().execute(),
    db
      .selectFrom('outbox')
      .select(['id', 'topic', 'payload', 'issue_id', 'attempts', 'last_error', 'created_at', 'processed_at'])
      .where('topic', 'in', ['wecom', 'dingtalk', 'sms'])
      .where('last_error', 'is not', null)
      .orderBy('id', 'desc')
      .limit(50)
      .execute(),
  ]);
  const byChannel = new Map(health.map((h) => [h.channel, h]));
  const webhooks = [];
  for (const h of hooks) webhooks.push(webhookAnswer(h, await channelName(db, `webhook:${h.id}`), byChannel.get(`webhook:${h.id}`)));
  return {
    webhooks,
    sms: healthOf(byChannel.get('sms')),
    failures: failures.map((f) => ({
      outboxId: f.id,
      channel: f.topic as 'wecom' | 'dingtalk' | 'sms',
      subject: (f.payload as { subject?: string }).subject ?? '',
      issueId: f.issue_id,
      attempts: f.attempts,
      lastError: f.last_error ?? '',
      createdAt: f.created_at,
      closedAt: f.processed_at,
    })),
  };
}

type HookRow = { id: string; owner_kind: 'unit' | 'leader'; owner_id: string; vendor: 'wecom' | 'dingtalk'; url: string; secret: string | null; enabled: boolean; updated_at: Date };
function webhookAnswer(h: HookRow, ownerName: string, health: Health | undefined) {
  return {
    id: h.id,
    ownerKind: h.owner_kind,
    ownerId: h.owner_id,
    ownerName,
    vendor: h.vendor,
    url: maskWebhookUrl(h.url),
    signed: h.secret !== null,
    enabled: h.enabled,
    updatedAt: h.updated_at,
    health: healthOf(health),
  };
}

export type SetNoticeWebhook = { ownerKind: 'unit' | 'leader'; ownerId: string; vendor: 'wecom' | 'dingtalk'; url: string; secret?: string | null | undefined; enabled?: boolean | undefined };

/** Sets a unit's or leader's group robot of one vendor (a second call replaces it), admin only. */
export async function setNoticeWebhook(db: Db, actor: Actor & { kind: 'official' }, input: SetNoticeWebhook, now: Date) {
  adminOnly(actor);
  const owner = await db
    .selectFrom(input.ownerKind === 'unit' ? 'units' : 'leaders')
    .select('id')
    .where('id', '=', input.ownerId)
    .executeTakeFirst();
  if (!owner) throw unknownReference('ownerId', input.ownerKind);
  const values = { url: input.url, secret: input.secret ?? null, enabled: input.enabled ?? true, updated_by: actor.accountId, updated_at: now };
  const row = await db
    .insertInto('notice_webhooks')
    .values({ owner_kind: input.ownerKind, owner_id: input.ownerId, vendor: input.vendor, ...values })
    .onConflict((oc) => oc.constraint('notice_webhooks_owner').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  // A changed robot starts a fresh run: its old failures no longer say anything about it.
  await db.deleteFrom('notice_channel_health').where('channel', '=', `webhook:${row.id}`).execute();
  return webhookAnswer(row, await channelName(db, `webhook:${row.id}`), undefined);
}

/** Removes a group robot; its unsent messages are closed as unsendable when their turn comes. */
export async function deleteNoticeWebhook(db: Db, actor: Actor, id: string): Promise<void> {
  adminOnly(actor);
  const gone = await db.deleteFrom('notice_webhooks').where('id', '=', id).executeTakeFirst();
  if (Number(gone.numDeletedRows) === 0) throw new DomainError('notice_webhook.not_found', 'no such group robot');
  await db.deleteFrom('notice_channel_health').where('channel', '=', `webhook:${id}`).execute();
}

/** Sets where an official's routine notices go (admin, or the official themselves). */
export async function setNoticeChannels(db: Db, actor: Actor, officialId: string, input: { channels: Array<'mail' | 'sms'>; phone?: string | null | undefined }) {
  const self = actor.kind === 'official' && actor.officialId === officialId;
  if (!self) adminOnly(actor);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('officials')
      .set({ notice_channels: sql<Array<'mail' | 'sms'>>`${sql.val(input.channels)}::text[]`, ...(input.phone !== undefined ? { phone: input.phone } : {}) })
      .where('id', '=', officialId)
      .returning(['id', 'notice_channels', 'phone'])
      .executeTakeFirst();
    if (!row) throw new DomainError('official.not_found', 'no such official');
    // Thrown inside the transaction, so the preference is not kept.
    if (row.notice_channels?.includes('sms') && !row.phone) throw new DomainError('validation.required', 'SMS needs a mobile number', { field: 'phone' });
    return { officialId: row.id, channels: row.notice_channels ?? ['mail'], hasPhone: row.phone !== null };
  });
}
