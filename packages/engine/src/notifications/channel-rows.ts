import type { ChannelMessage, ChannelTopic, Notice } from '@huiyin/domain';
import type { AudienceRow } from './audience-row.ts';

/** One outbox row for a channel beside mail. */
export type ChannelRow = { topic: ChannelTopic; issue_id: string | null; payload: string; dedupe_key: string | null };

/**
 * A notice's rows for the channels beside mail: an SMS to each mobile of the officials who chose
 * SMS and of the enterprise contacts who opted in, and one message per group robot of its units and leaders. Nothing where none is configured.
 * Each row's dedupe key is the notice's with the channel added, so a repeated notice sends none again.
 */
export function channelRows(issueId: string | null, n: Notice, link: string | null, people: readonly AudienceRow[], groups: readonly AudienceRow[]): ChannelRow[] {
  const rows: ChannelRow[] = [];
  const base = { kind: n.kind ?? 'general', subject: n.subject, text: n.text, link };
  const key = (suffix: string) => (n.dedupeKey ? `${n.dedupeKey}/${suffix}` : null);
  const mobiles = [...new Set(people.flatMap((r) => (r.sms ? [r.sms] : [])))];
  // One row per mobile: a vendor's answer and a retry then concern one person, so nobody gets it twice.
  for (const mobile of mobiles) rows.push({ topic: 'sms', issue_id: issueId, payload: JSON.stringify({ ...base, to: [mobile] } satisfies ChannelMessage), dedupe_key: key(`sms/${mobile}`) });
  for (const hook of new Set(groups.flatMap((g) => (g.hook ? [g.hook] : [])))) {
    const [vendor, id] = hook.split(':') as [ChannelTopic, string];
    rows.push({ topic: vendor, issue_id: issueId, payload: JSON.stringify({ ...base, hook: id } satisfies ChannelMessage), dedupe_key: key(`${vendor}/${id}`) });
  }
  return rows;
}
