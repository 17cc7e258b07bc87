import { nextStep, worseStep, type ClockKind, type ClockStep } from '@huiyin/domain';
import { runningClocks, statePath, type IssueSnapshot } from '@huiyin/issue-workflow';
import type { Tx } from '../db.ts';
import type { ClockRow, IssueRow } from '../schema.ts';
import { clockPolicyOf } from './policy.ts';
import type { TimerRequest } from './timer-request.ts';
import { trackKind } from './track-kind.ts';

type Desired = { kind: ClockKind; subject: string; dueAt: Date; status: 'running' | 'paused' };
const key = (kind: string, subject: string) => `${kind}/${subject}`;

/** The clocks the machine says run now, with the due times its context holds. */
async function desiredClocks(trx: Tx, issue: IssueRow, next: IssueSnapshot): Promise<Map<string, Desired>> {
  const c = next.context;
  const declared = runningClocks(next);
  const out = new Map<string, Desired>();
  const put = (kind: ClockKind, subject: string, due: string | Date | null, status: 'running' | 'paused' | undefined) => {
    if (due && status) out.set(key(kind, subject), { kind, subject, dueAt: new Date(due), status });
  };
  put('claim', '', c.claimDueAt, declared.claim);
  put('handling', '', c.handlingDueAt, declared.handling);
  put('rating', '', c.ratingDueAt, declared.rating);
  // Assisting units' tasks run beside the lead unit's handling clock and pause with it.
  if (declared.handling) for (const t of c.assists) if (!t.answered) put('assist', t.unitId, t.dueAt, declared.handling);
  if (declared.supplement) {
    const doc = await trx.selectFrom('pending_documents').select((eb) => eb.fn.min('due_at').as('due')).where('issue_id', '=', issue.id).where('supplied_at', 'is', null).executeTakeFirst();
    put('supplement', '', (doc?.due as Date | null | undefined) ?? null, 'running');
  }
  return out;
}

/**
 * Makes the issue's clock rows match what the machine declares, in the command's transaction:
 * starts, pauses, resumes, moves and stops clocks, and returns the timers to set after commit.
 * A stopped or moved clock gets a new version, so its old timers find nothing to do.
 */
export async function syncClocks(trx: Tx, issue: IssueRow, next: IssueSnapshot, now: Date): Promise<TimerRequest[]> {
  const desired = await desiredClocks(trx, issue, next);
  const active = await trx.selectFrom('clocks').selectAll().where('issue_id', '=', issue.id).where('status', '<>', 'stopped').forUpdate().execute();
  const { track } = await clockPolicyOf(trx, issue.category_id, issue.green_channel);
  const timers: TimerRequest[] = [];
  const cancelled = ['withdrawn', 'duplicate'].includes(statePath(next));
  const schedule = (row: Pick<ClockRow, 'id' | 'kind' | 'step' | 'version'>, dueAt: Date) => {
    const n = nextStep(trackKind(row.kind), row.step, dueAt, track, now);
    if (n) timers.push({ clockId: row.id, step: n.step, version: row.version, at: n.at });
    return { next_step: n?.step ?? null, next_step_at: n?.at ?? null };
  };
  let worst: ClockStep = 'on_time';

  for (const row of active) {
    const want = desired.get(key(row.kind, row.subject));
    desired.delete(key(row.kind, row.subject));
    if (!want) {
      const outcome = cancelled ? 'cancelled' : now <= row.due_at ? 'met' : 'missed';
      await trx.updateTable('clocks').set({ status: 'stopped', stopped_at: now, outcome, next_step: null, next_step_at: null, version: row.version + 1 }).where('id', '=', row.id).execute();
      continue;
    }
    const moved = want.dueAt.getTime() !== row.due_at.getTime();
    // A due time moved later (extension, pause) starts the track afresh before the new due time.
    const step: ClockStep = moved && want.dueAt > row.due_at ? 'on_time' : row.step;
    worst = worseStep(worst, step);
    if (want.status === row.status && !moved) continue;
    const version = row.version + 1;
    if (want.status === 'paused') {
      await trx.updateTable('clocks').set({ status: 'paused', paused_at: row.paused_at ?? now, due_at: want.dueAt, step, next_step: null, next_step_at: null, version }).where('id', '=', row.id).execute();
      continue;
    }
    const nextCols = schedule({ ...row, step, version }, want.dueAt);
    await trx.updateTable('clocks').set({ status: 'running', paused_at: null, due_at: want.dueAt, step, version, ...nextCols }).where('id', '=', row.id).execute();
  }

  for (const want of desired.values()) {
    const row = await trx
      .insertInto('clocks')
      .values({ issue_id: issue.id, kind: want.kind, subject: want.subject, status: want.status, started_at: now, due_at: want.dueAt, paused_at: want.status === 'paused' ? now : null })
      .returning(['id', 'kind', 'step', 'version'])
      .executeTakeFirstOrThrow();
    if (want.status === 'running') {
      const nextCols = schedule(row, want.dueAt);
      await trx.updateTable('clocks').set(nextCols).where('id', '=', row.id).execute();
    }
  }
  await trx.updateTable('issues').set({ track: worst }).where('id', '=', issue.id).where('track', '<>', worst).execute();
  return timers;
}
