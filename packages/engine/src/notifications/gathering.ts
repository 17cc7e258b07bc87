import { createHash } from 'node:crypto';
import { GATHER_AT, gatheredNotice, isGathered, noticeLabel, type Notice } from '@huiyin/domain';
import { channelRows, type ChannelRow } from './channel-rows.ts';
import { wantsMail, type AudienceRow } from './audience-row.ts';

/** A notice of a batch with the people and group robots behind its audience. */
export type Reached = { issueId: string | null; n: Notice; rows: AudienceRow[]; groups: AudienceRow[] };

/** A notice of a batch and its issue. */
type Member = { issueId: string | null; n: Notice };

/** Where one delivery goes: an inbox (account id), a mail address, a mobile, a group robot (`vendor:id`). */
type Channel = 'inbox' | 'mail' | 'sms' | 'hook';

/**
 * The deliveries of a batch that are gathered (docs/domain.md#gathered-notices): one person (an
 * account, an address, a mobile, a group robot) who would get GATHER_AT or more notices with one
 * label (the step's, 【红牌超期】) from it gets one notice listing them, on that channel. Officials' deliveries only:
 * an enterprise hears of each of its issues on its own.
 */
export type Gathering = {
  /**
   * Whether this delivery of a notice is gathered (and then remembered for its gathered notice).
   * `audience` is the key the person was reached under: an enterprise's (`e:`) never is.
   */
  takes(item: Member, channel: Channel, to: string, audience: string): boolean;
  /** The gathered notices' rows, once every delivery has been asked about. */
  rows(): { inbox: InboxRow[]; mails: MailRow[]; channels: ChannelRow[] };
};

export type InboxRow = { account_id: string; issue_id: string | null; subject: string; body: string; link: string | null; dedupe_key: string | null };
export type MailRow = { topic: 'mail'; issue_id: string | null; payload: string; dedupe_key: string | null };

/** A batch's deliveries taken one by one: nothing gathered. */
export const ONE_BY_ONE: Gathering = { takes: () => false, rows: () => ({ inbox: [], mails: [], channels: [] }) };

/** Whether a delivery of `n` to someone reached under `audience` may be gathered at all: a track warning, to an official. */
function mayGather(n: Notice, audience: string): boolean {
  return isGathered(n.kind) && !audience.startsWith('e:');
}

export function gathering(batch: readonly Reached[]): Gathering {
  // Each notice's label read once: it is asked for every delivery of the notice, twice.
  const labels = new Map<Notice, string>();
  const labelOf = (n: Notice) => {
    let label = labels.get(n);
    if (label === undefined) labels.set(n, (label = noticeLabel(n.subject)));
    return label;
  };
  const key = (n: Notice, channel: Channel, to: string) => `${labelOf(n)}\u0000${channel}\u0000${to}`;
  const counts = new Map<string, number>();
  for (const { n, rows, groups } of batch) {
    const mine = new Set<string>();
    for (const r of rows) {
      if (!mayGather(n, r.k)) continue;
      if (r.account_id) mine.add(key(n, 'inbox', r.account_id));
      if (r.email && wantsMail(n, r)) mine.add(key(n, 'mail', r.email));
      if (r.sms) mine.add(key(n, 'sms', r.sms));
    }
    for (const g of groups) if (g.hook && mayGather(n, g.k)) mine.add(key(n, 'hook', g.hook));
    for (const k of mine) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  if (![...counts.values()].some((c) => c >= GATHER_AT)) return ONE_BY_ONE;
  const piles = new Map<string, { channel: Channel; to: string; members: Map<Notice, string | null> }>();
  return {
    takes({ issueId, n }, channel, to, audience) {
      if (!mayGather(n, audience)) return false;
      const k = key(n, channel, to);
      if ((counts.get(k) ?? 0) < GATHER_AT) return false;
      const pile = piles.get(k) ?? { channel, to, members: new Map<Notice, string | null>() };
      pile.members.set(n, issueId);
      piles.set(k, pile);
      return true;
    },
    rows() {
      const out = { inbox: [] as InboxRow[], mails: [] as MailRow[], channels: [] as ChannelRow[] };
      for (const { channel, to, members } of piles.values()) {
        const list = [...members.keys()];
        const g = gatheredNotice(list, new Set([...members.values()].map((id, i) => id ?? `none ${i}`)).size);
        // The key names the steps it stands for, in any order. Written in the steps'
        // transaction, a gathered notice cannot outlive them; what it does not keep is each
        // step's own key, so it guards only against the same set of steps gathered twice.
        const dedupeKey = `gather-${createHash('sha256')
          .update(
            list
              .map((m) => m.dedupeKey ?? `${m.subject}\n${m.text}`)
              .sort()
              .join('\n'),
          )
          .digest('hex')
          .slice(0, 32)}`;
        const notice: Notice = { ...g, audience: [], dedupeKey };
        const person = { k: '', email: null, account_id: null };
        if (channel === 'inbox') out.inbox.push({ account_id: to, issue_id: null, subject: g.subject, body: g.text, link: g.link ?? null, dedupe_key: dedupeKey });
        if (channel === 'mail')
          out.mails.push({ topic: 'mail', issue_id: null, payload: JSON.stringify({ to: [to], subject: g.subject, text: g.text, link: g.link }), dedupe_key: `${dedupeKey}/mail/${to}` });
        if (channel === 'sms') out.channels.push(...channelRows(null, notice, g.link ?? null, [{ ...person, sms: to }], []));
        if (channel === 'hook') out.channels.push(...channelRows(null, notice, g.link ?? null, [], [{ ...person, hook: to }]));
      }
      return out;
    },
  };
}
