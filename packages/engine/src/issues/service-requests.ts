import type { Db } from '@huiyin/store';

/** What an Open311 client may ask of its enterprise's requests (docs/api.md#open311). */
export type ServiceRequestQuery = {
  /** Issue numbers; when given, the other filters are ignored, as the standard says. */
  numbers?: readonly string[] | undefined;
  categoryCode?: string | undefined;
  from: Date;
  to: Date;
  status?: 'open' | 'closed' | undefined;
  limit: number;
};

/**
 * One enterprise's issues as service requests, newest first: only its own, since they are not
 * public. What the standard's fields need, and nothing more (no handler, no internal notes).
 */
export async function serviceRequests(db: Db, enterpriseId: string, query: ServiceRequestQuery) {
  let q = db
    .selectFrom('issues')
    .innerJoin('categories', 'categories.id', 'issues.category_id')
    .innerJoin('enterprises', 'enterprises.id', 'issues.enterprise_id')
    .leftJoin('units', 'units.id', 'issues.lead_unit_id')
    .select([
      'issues.number',
      'issues.title',
      'issues.description',
      'issues.status_note as statusNote',
      'issues.closed_at as closedAt',
      'issues.filed_at as filedAt',
      'issues.updated_at as updatedAt',
      'issues.expected_due_at as expectedDueAt',
      'categories.code as categoryCode',
      'categories.name as categoryName',
      'units.name as unitName',
      'enterprises.address',
    ])
    .where('issues.enterprise_id', '=', enterpriseId);
  if (query.numbers) {
    if (query.numbers.length === 0) return [];
    q = q.where('issues.number', 'in', query.numbers);
  } else {
    q = q.where('issues.filed_at', '>=', query.from).where('issues.filed_at', '<=', query.to);
    if (query.categoryCode) q = q.where('categories.code', '=', query.categoryCode);
    if (query.status === 'open') q = q.where('issues.closed_at', 'is', null);
    if (query.status === 'closed') q = q.where('issues.closed_at', 'is not', null);
  }
  return q.orderBy('issues.filed_at', 'desc').orderBy('issues.id').limit(query.limit).execute();
}
