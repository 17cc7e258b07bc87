import { isUrgentNotice, type Notice } from '@huiyin/domain';

/**
 * One person behind an audience key: a mail address, an account, or both; `sms` the mobile of an
 * official who chose SMS, `mail` false when they left mail out of their preference. Or, under the
 * key `w:u:<unit>` / `w:l:<leader>`, a group robot (`hook`: `<vendor>:<id>`; README.md#notice-channels).
 */
export type AudienceRow = { k: string; email: string | null; account_id: string | null; sms?: string | null; mail?: boolean | null; hook?: string | null };

/** Mails go to those who keep mail in their preference, and to everyone for an urgent notice. */
export function wantsMail(n: Notice, row: AudienceRow): boolean {
  return row.email !== null && ((n.kind ? isUrgentNotice(n.kind) : false) || row.mail !== false);
}
