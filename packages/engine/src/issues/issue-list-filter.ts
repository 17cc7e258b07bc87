import { sql, type RawBuilder } from 'kysely';
import { DomainError } from '@huiyin/domain';
import type { KeyPart } from '@huiyin/store';

/** The filters every issue list takes; each narrows, none widens what the reader may see. */
export type IssueListFilter = {
  stage?: string | undefined;
  /** `true`: not yet ended; `false`: ended. */
  open?: boolean | undefined;
  categoryId?: string | undefined;
  enterpriseId?: string | undefined;
  leaderId?: string | undefined;
  unitId?: string | undefined;
  /** Shanghai days `YYYY-MM-DD`, both included. */
  filedFrom?: string | undefined;
  filedTo?: string | undefined;
  /** 已办: only the issues in whose ledger this official has acted. */
  actedBy?: string | undefined;
};

/** Where a list finds the leader and unit it filters by: the issue's own, or (listing queue) the defaults. */
type Columns = { leader: RawBuilder<unknown>; unit: RawBuilder<unknown> };
const OWN: Columns = { leader: sql`issues.leader_id`, unit: sql`issues.lead_unit_id` };

/** The filter as one SQL condition over `issues`; a range ending before it starts is a 400 naming `filedTo`. */
export function matchesFilter(f: IssueListFilter, columns: Columns = OWN): RawBuilder<boolean> {
  if (f.filedFrom && f.filedTo && f.filedTo < f.filedFrom) throw new DomainError('validation.invalid', 'filedTo is before filedFrom', { field: 'filedTo' });
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (f.stage) parts.push(sql`issues.stage = ${f.stage}`);
  if (f.open !== undefined) parts.push(f.open ? sql`issues.closed_at is null` : sql`issues.closed_at is not null`);
  if (f.categoryId) parts.push(sql`issues.category_id = ${f.categoryId}::uuid`);
  if (f.enterpriseId) parts.push(sql`issues.enterprise_id = ${f.enterpriseId}::uuid`);
  if (f.leaderId) parts.push(sql`${columns.leader} = ${f.leaderId}::uuid`);
  if (f.unitId) parts.push(sql`${columns.unit} = ${f.unitId}::uuid`);
  // A day is a Shanghai day: from its midnight there to the next one.
  if (f.filedFrom) parts.push(sql`issues.filed_at >= (${f.filedFrom}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (f.filedTo) parts.push(sql`issues.filed_at < (${f.filedTo}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  if (f.actedBy) parts.push(sql`issues.id in (select e.issue_id from issue_events e where e.actor->>'officialId' = ${f.actedBy})`);
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

export type IssueSort = 'filedAt' | 'number' | 'dueAt' | 'stage';

/** The keys of each sort of the issue list, the id last so that every row has its own place. */
export const ISSUE_SORT_KEYS: Record<IssueSort, KeyPart[]> = {
  filedAt: [
    { expr: sql`issues.filed_at`, kind: 'time' },
    { expr: sql`issues.id`, kind: 'uuid' },
  ],
  number: [
    { expr: sql`issues.number`, kind: 'text' },
    { expr: sql`issues.id`, kind: 'uuid' },
  ],
  // The due time the list shows: the handling one, else the one promised at filing; none sorts as the latest.
  dueAt: [
    { expr: sql`coalesce(issues.handling_due_at, issues.expected_due_at, 'infinity'::timestamptz)`, kind: 'time' },
    { expr: sql`issues.id`, kind: 'uuid' },
  ],
  stage: [
    { expr: sql`issues.stage`, kind: 'text' },
    { expr: sql`issues.filed_at`, kind: 'time' },
    { expr: sql`issues.id`, kind: 'uuid' },
  ],
};
