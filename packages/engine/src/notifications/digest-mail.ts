/**
 * One official's digest, with the key that makes it once a day; `mail` false and `sms` a mobile
 * as their channel preference says (README.md#notice-channels).
 */
export type DigestMail = { officialId: string; dedupeKey: string; to: string[]; subject: string; text: string; link?: string; mail?: boolean; sms?: string | null };

/** Where an official's digest goes: mail unless left out of their preference, SMS when chosen with a mobile. */
export function reachOf(o: { phone: string | null; notice_channels: ReadonlyArray<'mail' | 'sms'> | null }): { mail: boolean; sms: string | null } {
  return { mail: o.notice_channels?.includes('mail') ?? true, sms: o.notice_channels?.includes('sms') && o.phone ? o.phone : null };
}
