import type { ErrorCode } from '@huiyin/domain';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { issueMachine } from './issue-machine.ts';
import { mayActOnIssue } from './permissions.ts';
import { unmetIssueCondition } from './preconditions.ts';
import type { IssueContext, IssueEvent, IssueInput } from './types.ts';

export type IssueSnapshot = SnapshotFrom<typeof issueMachine>;

/** What the database keeps: the state path and the context. Enough to restore the snapshot. */
export type PersistedIssue = { state: string; context: IssueContext };

export type Decision = { ok: true; next: IssueSnapshot } | { ok: false; refusal: 'wrong_state' | 'forbidden' | 'unmet_condition'; code: ErrorCode };

/** The dotted state path, e.g. `inProgress.waitingOnEnterprise`. */
export function stateOf(snapshot: IssueSnapshot): string {
  const walk = (v: unknown): string => (typeof v === 'string' ? v : (Object.entries(v as Record<string, unknown>).map(([k, c]) => `${k}.${walk(c)}`)[0] ?? ''));
  return walk(snapshot.value);
}

/** The stage is the top of the state path: `inProgress` for `inProgress.working`. */
export function stageOf(state: string): string {
  return state.split('.')[0] ?? state;
}

export function startIssue(input: IssueInput): IssueSnapshot {
  return initialTransition(issueMachine, input)[0];
}

export function persistIssue(snapshot: IssueSnapshot): PersistedIssue {
  return { state: stateOf(snapshot), context: snapshot.context };
}

export function restoreIssue(persisted: PersistedIssue): IssueSnapshot {
  const [top, sub] = persisted.state.split('.');
  const value = sub ? { [top ?? '']: sub } : (top ?? '');
  return issueMachine.resolveState({ value: value as never, context: persisted.context });
}

/** Whether the current state has any transition for this event type, whatever its guards. */
export function issueAccepts(snapshot: IssueSnapshot, type: IssueEvent['type']): boolean {
  return snapshot._nodes.some((node) => node.ownEvents.includes(type));
}

/**
 * The pure decision the engine asks for: the next snapshot, or why not. Refusals are told apart
 * so the API can answer 409 (wrong state, unmet condition) or 403 (not this actor's to do).
 */
export function decideIssue(snapshot: IssueSnapshot, event: IssueEvent): Decision {
  if (snapshot.status !== 'active' || !issueAccepts(snapshot, event.type)) {
    return { ok: false, refusal: 'wrong_state', code: 'issue.wrong_state' };
  }
  if (!mayActOnIssue(event.type, event.actor, snapshot.context)) {
    return { ok: false, refusal: 'forbidden', code: 'issue.forbidden' };
  }
  const unmet = unmetIssueCondition(event, snapshot.context);
  if (unmet) return { ok: false, refusal: 'unmet_condition', code: unmet };
  const [next] = transition(issueMachine, snapshot, event);
  return { ok: true, next };
}
