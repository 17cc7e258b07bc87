/** Who hears of a change. Resolved to mail addresses and accounts inside the transaction that made it. */
/** Who a notice goes to; `official` is one person (the first responder, 首问责任人). */
export type Audience = { enterprise: string } | { unit: string; heads?: boolean } | { leader: string } | { official: string } | { role: 'dispatcher' | 'supervisor' | 'admin' };

export type Notice = {
  audience: Audience[];
  subject: string;
  text: string;
  /**
   * Names the message, so that a retried or repeated producer enqueues it once: the mail and
   * each account's inbox row are written only the first time the key is seen. Two different
   * notices need two keys.
   */
  dedupeKey?: string | undefined;
  /** Where the inbox row points. @defaultValue `/issues/<issueId>` */
  link?: string | undefined;
  /** What it is, for its channels: urgency, quiet hours, the SMS template. @defaultValue `general` */
  kind?: NoticeKind | undefined;
};

/**
 * A notice's kind as its channels see it (README.md#notice-channels): the track's steps, the
 * 督办单, the daily digest, and everything else (`general`).
 */
export type NoticeKind = 'reminder' | 'yellow' | 'red' | 'escalation' | 'supervisionOrder' | 'digest' | 'general';

/** The red card, escalations and 督办单 reach every channel configured for their people, whatever they prefer. */
export function isUrgentNotice(kind: NoticeKind): boolean {
  return kind === 'red' || kind === 'escalation' || kind === 'supervisionOrder';
}

/** Reminders and yellow cards outside working time wait for the next working period (quiet hours). */
export function waitsForWorkingTime(kind: NoticeKind): boolean {
  return kind === 'reminder' || kind === 'yellow';
}
