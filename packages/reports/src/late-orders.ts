import { sql } from 'kysely';
import type { Db } from '@huiyin/store';
import type { Period } from './period.ts';

/** A 督办单 whose reply was due in the period and did not come in time (docs/domain.md#supervision-orders). */
export type LateOrder = {
  orderId: string;
  issueId: string | null;
  projectId: string | null;
  /** The issue's number; null for a key project's order. */
  number: string | null;
  title: string;
  unitId: string | null;
  unitName: string | null;
  leaderId: string | null;
  dueAt: string;
  /** When the late reply came; null when none had come by the bulletin's time. */
  repliedAt: string | null;
  escalatedAt: string | null;
};

/** The orders due in the period (and by `asOf`) that were not answered by their due time. */
export async function lateOrders(db: Db, period: Period, asOf: Date): Promise<LateOrder[]> {
  const rows = await db
    .selectFrom('supervision_orders as o')
    .leftJoin('issues', 'issues.id', 'o.issue_id')
    .leftJoin('projects', 'projects.id', 'o.project_id')
    .leftJoin('units', 'units.id', 'o.unit_id')
    .select(['o.id as orderId', sql<string | null>`o.issue_id`.as('issueId'), 'o.project_id as projectId', 'issues.number', 'o.unit_id as unitId', 'units.short_name as unitName'])
    // A 主动治理 task (migration T30) has neither issue nor project: its own title.
    .select(sql<string>`coalesce(issues.title, projects.name, o.title)`.as('title'))
    .select(sql<string | null>`coalesce(issues.leader_id, projects.leader_id)`.as('leaderId'))
    .select(['o.due_at as dueAt', 'o.replied_at as repliedAt', 'o.escalated_at as escalatedAt'])
    .where('o.due_at', '>=', period.start)
    .where('o.due_at', '<', period.end)
    .where('o.due_at', '<=', asOf)
    // A reply after the bulletin's time had not come when it was drawn.
    .where((eb) => eb.or([eb('o.replied_at', 'is', null), eb('o.replied_at', '>', eb.ref('o.due_at')), eb('o.replied_at', '>', asOf)]))
    .orderBy('o.due_at')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    dueAt: r.dueAt.toISOString(),
    repliedAt: r.repliedAt && r.repliedAt <= asOf ? r.repliedAt.toISOString() : null,
    escalatedAt: r.escalatedAt && r.escalatedAt <= asOf ? r.escalatedAt.toISOString() : null,
  }));
}
