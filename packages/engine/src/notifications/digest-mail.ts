/**
 * One official's digest, with the key that makes it once a day; `mail` false and `sms` a mobile
 * as their channel preference says (README.md#notice-channels).
 */
export type DigestMail = { officialId: string; dedupeKey: string; to: string[]; subject: string; text: string; link?: string; mail?: boolean; sms?: string | null };

/**
 * Where an official's digest goes: mail unless left out of their preference, SMS when chosen with
 * a mobile. SMS chosen without a mobile on record falls back to mail: a preference never leaves
 * someone unreachable.
 */
export function reachOf(o: { phone: string | null; notice_channels: ReadonlyArray<'mail' | 'sms'> | null }): { mail: boolean; sms: string | null } {
  const sms = o.notice_channels?.includes('sms') && o.phone ? o.phone : null;
  return { mail: (o.notice_channels?.includes('mail') ?? true) || sms === null, sms };
}
