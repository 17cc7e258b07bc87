import { ClaimInput, DispatchInput, ListIssueInput } from '@huiyin/contract';
import { DomainError, type Actor, type OfficialActor } from '@huiyin/domain';
import type { EngineDeps } from '../../deps.ts';
import { executeIssueCommand } from '../execute-command.ts';
import { issueCommands } from '../commands/index.ts';
import { getIssue } from '../read-issues.ts';
import { issueSupervisionOrder, type OrderDeadline } from '../../supervision/issue-supervision-order.ts';
import { runIssueBatch } from './run-issue-batch.ts';

const shown = (i: { number: string; state: string; version: number }) => ({ number: i.number, state: i.state, version: i.version });

/** 批量签收: each issue claimed for the actor's unit as `claimIssue` would, one transaction each. */
export function claimIssues(deps: EngineDeps, p: { ids: readonly string[]; actor: Actor }) {
  const input = ClaimInput.parse({});
  return runIssueBatch(p.ids, async (issueId) => shown((await executeIssueCommand(deps, { issueId, actor: p.actor, command: issueCommands.claim, input })).issue));
}

/**
 * 批量派单 with the assignment's defaults: an issue still `submitted` is listed first with the
 * leader, lead unit and limit it would default to, then dispatched. Listing and dispatch are two
 * commands, as in the dialog; a refused dispatch leaves that issue listed, the others untouched.
 */
export function dispatchIssues(deps: EngineDeps, p: { ids: readonly string[]; actor: Actor }) {
  const list = ListIssueInput.parse({});
  const dispatch = DispatchInput.parse({});
  return runIssueBatch(p.ids, async (issueId) => {
    const issue = await getIssue(deps.db, p.actor, issueId);
    if (issue.stage === 'submitted') await executeIssueCommand(deps, { issueId, actor: p.actor, command: issueCommands.list, input: list });
    return shown((await executeIssueCommand(deps, { issueId, actor: p.actor, command: issueCommands.dispatch, input: dispatch })).issue);
  });
}

/** Batch 督办: one 督办单 by hand on each issue, as `issueSupervisionOrder` would issue it. */
export function orderIssues(deps: EngineDeps, p: { ids: readonly string[]; actor: OfficialActor; requiredReply: string; deadline: OrderDeadline }) {
  if (!p.actor.roles.includes('supervisor')) throw new DomainError('auth.forbidden', 'only supervision issues a 督办单');
  // A due time already past would be refused on every issue: it is the request's fault, said once.
  if ('dueAt' in p.deadline && p.deadline.dueAt <= deps.clock()) throw new DomainError('validation.invalid', 'the reply must be due after now', { field: 'dueAt' });
  return runIssueBatch(p.ids, async (issueId) => {
    // Whoever may not see an issue learns nothing of it: not found, as on every issue path.
    const issue = await getIssue(deps.db, p.actor, issueId);
    const order = await issueSupervisionOrder(deps, { issueId, actor: p.actor, requiredReply: p.requiredReply, deadline: p.deadline });
    return { number: issue.number, state: issue.state, version: order.version };
  });
}
