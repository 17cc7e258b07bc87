import type { ErrorCode } from '@huiyin/domain';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { milestoneMachine } from './milestone-machine.ts';
import { mayActOnMilestone } from './milestone-permissions.ts';
import { unmetMilestoneCondition } from './milestone-preconditions.ts';
import { projectMachine } from './project-machine.ts';
import { mayActOnProject } from './project-permissions.ts';
import { unmetProjectCondition } from './project-preconditions.ts';
import type { MilestoneContext, MilestoneEvent, MilestoneInput, ProjectContext, ProjectEvent, ProjectInput, Refusal } from './types.ts';

export type ProjectSnapshot = SnapshotFrom<typeof projectMachine>;
export type MilestoneSnapshot = SnapshotFrom<typeof milestoneMachine>;

/** What the store keeps: the state and the context, enough to restore the snapshot. */
export type PersistedProject = { state: string; context: ProjectContext };
export type PersistedMilestone = { state: string; context: MilestoneContext };

export type Decision<S> = { ok: true; next: S } | { ok: false; refusal: Refusal; code: ErrorCode };

/** Both machines are flat: the state is a plain name. */
export function stateOf(snapshot: ProjectSnapshot | MilestoneSnapshot): string {
  return String(snapshot.value);
}

const accepts = (snapshot: { _nodes: ReadonlyArray<{ ownEvents: readonly string[] }> }, type: string) => snapshot._nodes.some((node) => node.ownEvents.includes(type));

export function startProject(input: ProjectInput): ProjectSnapshot {
  return initialTransition(projectMachine, input)[0];
}

export function startMilestone(input: MilestoneInput): MilestoneSnapshot {
  return initialTransition(milestoneMachine, input)[0];
}

export function restoreProject(p: PersistedProject): ProjectSnapshot {
  return projectMachine.resolveState({ value: p.state as never, context: p.context });
}

export function restoreMilestone(p: PersistedMilestone): MilestoneSnapshot {
  return milestoneMachine.resolveState({ value: p.state as never, context: p.context });
}

export function persistProject(s: ProjectSnapshot): PersistedProject {
  return { state: stateOf(s), context: s.context };
}

export function persistMilestone(s: MilestoneSnapshot): PersistedMilestone {
  return { state: stateOf(s), context: s.context };
}

/** Whether the current state has a transition for this event type, whatever its guards. */
export function projectAccepts(snapshot: ProjectSnapshot, type: ProjectEvent['type']): boolean {
  return snapshot.status === 'active' && accepts(snapshot, type);
}

export function milestoneAccepts(snapshot: MilestoneSnapshot, type: MilestoneEvent['type']): boolean {
  return snapshot.status === 'active' && accepts(snapshot, type);
}

function refusal(accepts: boolean, may: boolean, unmet: ErrorCode | null, prefix: 'project' | 'milestone'): Extract<Decision<never>, { ok: false }> | null {
  if (!accepts) return { ok: false, refusal: 'wrong_state', code: `${prefix}.wrong_state` };
  if (!may) return { ok: false, refusal: 'forbidden', code: `${prefix}.forbidden` };
  if (unmet) return { ok: false, refusal: 'unmet_condition', code: unmet };
  return null;
}

/**
 * The pure decision for a project: the next snapshot, or why not — wrong state (409), not this
 * actor's (403), or an unmet condition (409 with its `project.*` code).
 */
export function decideProject(snapshot: ProjectSnapshot, event: ProjectEvent): Decision<ProjectSnapshot> {
  const no = refusal(projectAccepts(snapshot, event.type), mayActOnProject(event.type, event.actor, snapshot.context), unmetProjectCondition(event, snapshot.context), 'project');
  return no ?? { ok: true, next: transition(projectMachine, snapshot, event)[0] };
}

/** The same for a milestone, with `milestone.*` codes. */
export function decideMilestone(snapshot: MilestoneSnapshot, event: MilestoneEvent): Decision<MilestoneSnapshot> {
  const no = refusal(milestoneAccepts(snapshot, event.type), mayActOnMilestone(event.type, event.actor, snapshot.context), unmetMilestoneCondition(event, snapshot.context), 'milestone');
  return no ?? { ok: true, next: transition(milestoneMachine, snapshot, event)[0] };
}
