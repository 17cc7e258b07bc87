import { DomainError } from '@huiyin/domain';
import { type Db, type Tx, rowLimit } from '@huiyin/store';

export type PolicyChange = {
  accountId: string | null;
  subject: 'category' | 'calendar_day';
  subjectId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/** Records who changed a time-limit rule, with its values before and after, in the change's transaction. */
export async function recordPolicyChanges(trx: Tx, changes: PolicyChange[]): Promise<void> {
  if (changes.length === 0) return;
  await trx
    .insertInto('policy_changes')
    .values(
      changes.map((c) => ({
        account_id: c.accountId,
        subject: c.subject,
        subject_id: c.subjectId,
        before: c.before && JSON.stringify(c.before),
        after: c.after && JSON.stringify(c.after),
      })),
    )
    .execute();
}

/** Only the fields whose values differ, before and after: what a change actually changed. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const keys = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (keys.length === 0) return null;
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: Object.fromEntries(keys.map((k) => [k, after[k]])) };
}

/**
 * The changes to time-limit rules (admin), newest first, with who made them: a page of `limit`
 * after the id `before` (the `nextCursor` of the page before).
 */
export async function listPolicyChanges(db: Db, options: { limit: number; cursor?: string | undefined }) {
  if (options.cursor !== undefined && !/^\d+$/.test(options.cursor)) throw new DomainError('validation.invalid', 'cursor is not one this list gave', { field: 'cursor' });
  const rows = await db
    .selectFrom('policy_changes as p')
    .leftJoin('accounts', 'accounts.id', 'p.account_id')
    .leftJoin('officials', 'officials.id', 'accounts.official_id')
    .select(['p.id', 'p.at', 'p.subject', 'p.subject_id as subjectId', 'p.before', 'p.after', 'accounts.login', 'officials.name'])
    .$if(options.cursor !== undefined, (q) => q.where('p.id', '<', options.cursor ?? '0'))
    .orderBy('p.id', 'desc')
    .limit(rowLimit(options.limit + 1))
    .execute();
  const page = rows.slice(0, options.limit);
  return {
    items: page.map(({ login, name, ...r }) => ({ ...r, by: login ? { login, name } : null })),
    nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
