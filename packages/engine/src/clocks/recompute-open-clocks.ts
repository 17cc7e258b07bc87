import { sql } from 'kysely';
import { DomainError } from '@huiyin/domain';
import type { PersistedIssue } from '@huiyin/issue-workflow';
import { applyIssueCommand } from '../issues/execute-command.ts';
import { DUE_UNCHANGED, recomputeDue, type RecomputeReason } from '../issues/commands/recompute-due.ts';
import type { EngineDeps, TimerRequest } from '../deps.ts';
import { RECOMPUTED_CLOCKS, dueChanges, dueTimesByRule } from './due-by-rule.ts';

export type RecomputeOpenClocksResult = {
  /** Issues whose due times moved: one `recomputeDue` event each. */
  recomputed: number;
  /** Issues the rules leave where they were: nothing written. */
  unchanged: number;
  /** Issues that changed under us twice, or closed meanwhile: their next command or timer sees the new rules. */
  skipped: number;
  /** The moved clocks' timers, to set once committed. */
  timers: TimerRequest[];
};

const PAGE = 500;

/**
 * After a change to a category's policy (`categoryId`) or to the working calendar (all), moves
 * the due times of every open issue with a running or paused claim, handling, assist, rating or
 * supplement clock to what the rules now give. Issue by issue, each in its own transaction at
 * the version just read (retried once if another change came first); an issue whose times would
 * not move is only read.
 */
export async function recomputeOpenClocks(deps: EngineDeps, options: { categoryId?: string; reason: RecomputeReason }): Promise<RecomputeOpenClocksResult> {
  const result: RecomputeOpenClocksResult = { recomputed: 0, unchanged: 0, skipped: 0, timers: [] };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const ids = await deps.db
      .selectFrom('issues')
      .select('id')
      .where('closed_at', 'is', null)
      .$if(options.categoryId !== undefined, (q) => q.where('category_id', '=', options.categoryId ?? ''))
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('clocks')
            .select(sql`1`.as('x'))
            .whereRef('clocks.issue_id', '=', 'issues.id')
            .where('clocks.status', 'in', ['running', 'paused'])
            .where('clocks.kind', 'in', [...RECOMPUTED_CLOCKS]),
        ),
      )
      .where(sql<boolean>`id > ${after}::uuid`)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const { id } of ids) {
      const outcome = await recomputeOne(deps, id, options.reason);
      if (outcome === 'unchanged' || outcome === 'skipped') result[outcome] += 1;
      else {
        result.recomputed += 1;
        result.timers.push(...outcome);
      }
    }
    if (ids.length < PAGE) return result;
    after = ids.at(-1)?.id ?? after;
  }
}

async function recomputeOne(deps: EngineDeps, issueId: string, reason: RecomputeReason): Promise<TimerRequest[] | 'unchanged' | 'skipped'> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const issue = await deps.db.selectFrom('issues').selectAll().where('id', '=', issueId).executeTakeFirst();
    if (!issue || issue.closed_at) return 'skipped';
    // Read first, without a lock: most issues do not move, and those are left alone.
    const rule = await dueTimesByRule(deps.db, deps.calendar, issue);
    if (dueChanges(rule, (issue.snapshot as PersistedIssue).context).length === 0) return 'unchanged';
    try {
      const done = await applyIssueCommand(deps, { issueId, actor: { kind: 'system' }, command: recomputeDue, input: { reason, expectedVersion: issue.version } });
      return done.timers;
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (e.code === DUE_UNCHANGED) return 'unchanged';
      if (e.code === 'issue.wrong_state') return 'skipped';
      if (e.code !== 'issue.stale_version') throw e;
    }
  }
  return 'skipped';
}
