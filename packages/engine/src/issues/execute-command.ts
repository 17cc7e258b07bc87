import { sql, type Updateable } from 'kysely';
import { shanghaiText } from '@huiyin/calendar';
import { DomainError, type Actor, type Notice } from '@huiyin/domain';
import {
  issueAccepts,
  decideIssue,
  mayActOnIssue,
  persistIssue,
  restoreIssue,
  stageOf,
  stateOf,
  statusNote,
  type IssueEvent,
  type IssueEventType,
  type IssueSnapshot,
  type PersistedIssue,
} from '@huiyin/issue-workflow';
import { appendIssueEvents, type CategoryRow, type Tx, type IssueRow, type IssueTable, visibleTo } from '@huiyin/store';
import { knownNames, loadNames, nameRows, type KnownNames, type NameRow } from './names.ts';
import { setTimers, type EngineDeps, type TimerRequest } from '../deps.ts';
import { syncClocks } from '../clocks/sync-clocks.ts';
import { knowCategoryIn } from '../clocks/policy.ts';
import { recordTimeliness } from '../clocks/timeliness.ts';
import { enqueueNotices } from '../notifications/enqueue-notices.ts';

/** What a command has in hand while it builds its event and writes its rows. */
export type CommandContext = {
  trx: Tx;
  deps: EngineDeps;
  actor: Actor;
  issue: IssueRow;
  snapshot: IssueSnapshot;
  now: Date;
};

export type Recorded = {
  /** The ledger's payload for this event. */
  payload: Record<string, unknown>;
  /** Whether the enterprise sees this event on its timeline. */
  visibleToEnterprise: boolean;
  notices?: Notice[];
  /** Columns of the issue's row the command sets beside the snapshot's, in the same statement (the snapshot's win where both name one). */
  columns?: Updateable<IssueTable>;
};

/**
 * One command on an issue: it builds the machine event (computing due times, checking
 * references) and, once the machine accepts it, writes its own rows.
 */
export type IssueCommand<I> = {
  type: IssueEventType;
  event(ctx: CommandContext, input: I): Promise<IssueEvent> | IssueEvent;
  /** `event` is the one `event()` built and the machine accepted. */
  record(ctx: CommandContext, input: I, next: IssueSnapshot, event: IssueEvent): Promise<Recorded> | Recorded;
};

export type CommandResult = { issue: IssueRow; eventType: string; timers: TimerRequest[] };

const REFUSAL_MESSAGES: Record<string, string> = {
  wrong_state: 'the issue is not in a state that allows this',
  forbidden: 'this is not yours to do on this issue',
};

type CommandParams<I> = { issueId: string; actor: Actor; command: IssueCommand<I>; input: I };

/**
 * Applies a command (`applyIssueCommand`) and, once it has committed, sets the timers of the
 * clocks it started or moved.
 */
export async function executeIssueCommand<I extends { expectedVersion?: number | undefined }>(deps: EngineDeps, params: CommandParams<I>): Promise<CommandResult> {
  const result = await applyIssueCommand(deps, params);
  await setTimers(deps, result.timers);
  return result;
}

/**
 * Applies a command in one transaction: lock the issue, check the version, ask the machine,
 * write the snapshot, the ledger event, the command's rows and the outbox together. Returns the
 * timers to set; callers that set timers their own way (the clock worker, a recompute of many
 * issues) call this rather than `executeIssueCommand`.
 */
export async function applyIssueCommand<I extends { expectedVersion?: number | undefined }>(deps: EngineDeps, params: CommandParams<I>): Promise<CommandResult> {
  const { actor, command, input } = params;
  return deps.db.transaction().execute(async (trx) => {
    // The row and whether the actor may see it, in the one statement that locks it; with its
    // category and the names of its units and leader, which every command reads (one round trip,
    // not three). Those two are read as of the statement's start: a category changed while the
    // command waited for the lock is seen as by a command that came just before the change, and
    // the recompute that follows a change (each issue under its own lock) takes this one as any other.
    const row = await trx
      .selectFrom('issues')
      .selectAll()
      .select((eb) => sql<boolean>`${visibleTo(actor)(eb)}`.as('visible'))
      .select(sql<CategoryRow>`(select to_jsonb(c) from categories c where c.id = issues.category_id)`.as('category_row'))
      .select(
        sql<NameRow[]>`(select coalesce(jsonb_agg(n), '[]') from (${nameRows(
          sql`array[issues.lead_unit_id, (issues.snapshot->'context'->>'returningUnitId')::uuid]`,
          sql`array[issues.leader_id]`,
        )}) n)`.as('known_names'),
      )
      .where('id', '=', params.issueId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new DomainError('issue.not_found', 'no such issue');
    const { visible, category_row, known_names, ...issue } = row;
    knowCategoryIn(trx, category_row);
    const known = knownNames(known_names);
    // An enterprise never learns that another's issue exists; officials are told it is not theirs,
    // before anything else, so that a refusal does not reveal the state of an issue they cannot read.
    if (!visible && actor.kind === 'enterprise') throw new DomainError('issue.not_found', 'no such issue');
    if (!visible) throw new DomainError('issue.forbidden', REFUSAL_MESSAGES['forbidden'] ?? '');
    if (input.expectedVersion !== undefined && input.expectedVersion !== issue.version) {
      throw new DomainError('issue.stale_version', 'the issue has changed since you read it', {
        field: 'expectedVersion',
        details: { currentVersion: issue.version, currentState: issue.state },
      });
    }
    const now = deps.clock();
    const snapshot = restoreIssue(issue.snapshot as PersistedIssue);
    // State and permission are judged before the input's references, so a wrong state or a
    // wrong actor is told as such even when the body also names something unknown.
    if (snapshot.status !== 'active' || !issueAccepts(snapshot, command.type)) {
      throw new DomainError('issue.wrong_state', REFUSAL_MESSAGES['wrong_state'] ?? '', { details: { currentState: issue.state, currentVersion: issue.version } });
    }
    if (!mayActOnIssue(command.type, actor, snapshot.context)) {
      throw new DomainError('issue.forbidden', REFUSAL_MESSAGES['forbidden'] ?? '', { details: { currentState: issue.state } });
    }
    const ctx: CommandContext = { trx, deps, actor, issue, snapshot, now };
    const event = await command.event(ctx, input);
    const decision = decideIssue(snapshot, event);
    if (!decision.ok) {
      const message = REFUSAL_MESSAGES[decision.refusal] ?? `condition not met: ${decision.code}`;
      throw new DomainError(decision.code, message, { details: { currentState: issue.state, currentVersion: issue.version } });
    }
    const next = decision.next;
    const recorded = await command.record(ctx, input, next, event);
    const columns = { ...recorded.columns, ...(await snapshotColumns(trx, issue, next, now, known)) };
    const ledgered = await appendIssueEvents(
      trx,
      [
        {
          issueId: issue.id,
          version: issue.version,
          columns,
          events: [{ type: event.type, actor, payload: recorded.payload, stateAfter: columns.state, visibleToEnterprise: recorded.visibleToEnterprise, at: now }],
        },
      ],
      now,
    );
    const updated = ledgered.get(issue.id)!;
    await recordTimeliness(trx, deps.calendar, issue, snapshot, next, event, now);
    const timers = await syncClocks(trx, deps.calendar, updated, next, event.type, now);
    await enqueueNotices(trx, issue.id, [...(recorded.notices ?? []), ...promiseMoved(issue, snapshot, next, recorded.notices ?? [])]);
    return { issue: updated, eventType: event.type, timers };
  });
}

/** The new snapshot and the columns the lists and boards read, for the ledger writer to set. */
async function snapshotColumns(trx: Tx, issue: IssueRow, next: IssueSnapshot, now: Date, known: KnownNames) {
  const c = next.context;
  const state = stateOf(next);
  const names = await loadNames(trx, [c.leadUnitId, c.returningUnitId], [c.leaderId], known);
  const final = next.status === 'done';
  return {
    state,
    stage: stageOf(state),
    status_note: statusNote(next, names),
    snapshot: JSON.stringify(persistIssue(next)),
    leader_id: c.leaderId,
    lead_unit_id: c.leadUnitId,
    green_channel: c.greenChannel,
    listing_due_at: c.listingDueAt ?? null,
    claim_due_at: c.claimDueAt,
    handling_due_at: c.handlingDueAt,
    rating_due_at: c.ratingDueAt,
    // The date promised to the enterprise follows the real handling due time once there is one.
    expected_due_at: c.handlingDueAt ?? issue.expected_due_at,
    duplicate_of: c.duplicateOf,
    closed_at: final ? (issue.closed_at ?? now) : null,
  };
}

/**
 * The enterprise hears whenever the answer date promised to it moves (a pause's end, a
 * re-dispatch, a reopening), unless the command already wrote to it.
 */
function promiseMoved(issue: IssueRow, prev: IssueSnapshot, next: IssueSnapshot, notices: readonly Notice[]): Notice[] {
  const due = next.context.handlingDueAt;
  const was = prev.context.handlingDueAt;
  // Compared with the due time before this change, not with the promise: on issues filed before
  // the promise followed the due time, it still holds the filing's estimate.
  if (!due || (was !== null && Date.parse(due) === Date.parse(was))) return [];
  if (notices.some((n) => n.audience.some((a) => 'enterprise' in a))) return [];
  return [
    {
      audience: [{ enterprise: issue.enterprise_id }],
      subject: `【答复时限调整】${issue.number}`,
      text: `您反映的问题「${issue.title}」预计 ${shanghaiText(due)} 前答复（原为 ${shanghaiText(was ?? issue.expected_due_at)}）。`,
    },
  ];
}
