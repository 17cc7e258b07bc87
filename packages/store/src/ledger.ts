import { sql, type Insertable, type QueryCreator, type Updateable } from 'kysely';
import { describeActor, type Actor, type ClockStep } from '@huiyin/domain';
import type { Tx } from './db.ts';
import type { Database, IssueEventTable, IssueRow, IssueTable } from './schema.ts';
import type { ProjectTable } from './project-tables.ts';

/**
 * The ledger writer (docs/domain.md#ledger): the only code that appends to `issue_events` and
 * `project_events` and raises the version of their issue or project. An issue's or project's
 * version counts its events, so each event's `seq` is the version it brings the row to. The
 * tables are append-only and hash-chained by triggers (migration T09), whoever inserts.
 */

/** One event for a ledger. */
export type LedgerEntry = {
  type: string;
  actor: Actor;
  payload: Record<string, unknown>;
  /** The issue's or project's state once the event applied. */
  stateAfter: string;
  at: Date;
  /** Whether the enterprise sees the event on its issue's timeline. @defaultValue false */
  visibleToEnterprise?: boolean;
};

/**
 * Events for one issue, appended after `version` (the version the caller read under the row's
 * lock). `columns`, when given, are set in the statement that raises the version.
 */
export type IssueAppend = {
  issueId: string;
  version: number;
  events: readonly LedgerEntry[];
  columns?: Updateable<IssueTable>;
  /** The issue's track colour after these events (a batch of track steps, which sets no `columns`). */
  track?: ClockStep;
};

/** The `issue_events` rows of appends: seq = version + 1, + 2, … */
function issueEventRows(appends: readonly IssueAppend[]): Insertable<IssueEventTable>[] {
  return appends.flatMap(({ issueId, version, events }) =>
    events.map((e, n) => ({
      issue_id: issueId,
      seq: version + n + 1,
      type: e.type,
      actor: JSON.stringify(describeActor(e.actor)),
      actor_account_id: e.actor.kind === 'system' ? null : e.actor.accountId,
      payload: JSON.stringify(e.payload),
      state_after: e.stateAfter,
      visible_to_enterprise: e.visibleToEnterprise ?? false,
      at: e.at,
    })),
  );
}

/**
 * The insert of new issues' first events (version 0 → seq 1): the filing statement runs it as
 * one of its CTEs, so a filing stays one round trip. The issue rows are inserted at version 1.
 */
export function firstIssueEvents<DB extends Database>(db: QueryCreator<DB>, filed: readonly { issueId: string; event: LedgerEntry }[]) {
  // A CTE's query creator knows the statement's other tables too; the insert needs only ours.
  const creator = db as unknown as QueryCreator<Database>;
  return creator.insertInto('issue_events').values(issueEventRows(filed.map((f) => ({ issueId: f.issueId, version: 0, events: [f.event] }))));
}

/**
 * Appends events to issues' ledgers and raises each issue's version by their count: for a batch
 * (a worker's track steps) one update and one insert whatever its size. The caller holds the
 * issues' row locks. Returns the updated rows of the appends that set `columns`.
 */
export async function appendIssueEvents(trx: Tx, appends: readonly IssueAppend[], now: Date): Promise<Map<string, IssueRow>> {
  const empty = appends.find((a) => a.events.length === 0);
  if (empty) throw new Error(`an append to issue ${empty.issueId} carries no event: its version would not count its events`);
  const updated = new Map<string, IssueRow>();
  for (const a of appends) {
    if (!a.columns) continue;
    const row = await trx
      .updateTable('issues')
      .set({ ...a.columns, version: a.version + a.events.length, updated_at: now })
      .where('id', '=', a.issueId)
      .returningAll()
      .executeTakeFirstOrThrow();
    updated.set(a.issueId, row);
  }
  const plain = appends.filter((a) => !a.columns);
  if (plain.length > 0) {
    // One statement for any number of issues; an issue without a new track keeps its own.
    await sql`
      update issues i set version = v.version, track = coalesce(v.track, i.track), updated_at = ${now}
      from unnest(${plain.map((a) => a.issueId)}::uuid[], ${plain.map((a) => a.version + a.events.length)}::int[], ${plain.map((a) => a.track ?? null)}::text[]) v(id, version, track)
      where i.id = v.id`.execute(trx);
  }
  await trx.insertInto('issue_events').values(issueEventRows(appends)).execute();
  return updated;
}

/**
 * Appends one event to a key project's ledger (every project or milestone change is one) and
 * raises its version, setting the change's `columns` in the same statement. The caller holds
 * the project's row lock. Returns the updated project.
 */
export async function appendProjectEvent(trx: Tx, params: { projectId: string; version: number; event: LedgerEntry; milestoneId?: string | undefined; columns?: Updateable<ProjectTable> }) {
  const { event } = params;
  const updated = await trx
    .updateTable('projects')
    .set({ ...params.columns, version: params.version + 1, updated_at: event.at })
    .where('id', '=', params.projectId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('project_events')
    .values({
      project_id: params.projectId,
      milestone_id: params.milestoneId ?? null,
      seq: updated.version,
      type: event.type,
      actor: JSON.stringify(describeActor(event.actor)),
      actor_account_id: event.actor.kind === 'system' ? null : event.actor.accountId,
      payload: JSON.stringify(event.payload),
      state_after: event.stateAfter,
      at: event.at,
    })
    .execute();
  return updated;
}
