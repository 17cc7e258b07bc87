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
};
