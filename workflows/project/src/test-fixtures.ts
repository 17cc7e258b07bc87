import type { Actor, Role } from '@huiyin/domain';
import { decideMilestone, decideProject, startMilestone, startProject, type MilestoneSnapshot, type ProjectSnapshot } from './decide.ts';
import type { MilestoneEvent, ProjectEvent } from './types.ts';

function official(id: string, roles: Role[], unitId: string | null, leaderId: string | null): Actor {
  return { kind: 'official', accountId: `acc-${id}`, officialId: id, roles, unitId, leaderId };
}

/** A small cast: the project is led by leader-1 and carried by unit-a. */
export const cast = {
  enterprise: { kind: 'enterprise', accountId: 'acc-e', enterpriseId: 'ent-1' },
  dispatcher: official('d', ['dispatcher'], null, null),
  admin: official('a', ['admin'], null, null),
  supervisor: official('s', ['supervisor'], null, null),
  leader: official('l', ['leader'], null, 'leader-1'),
  otherLeader: official('l2', ['leader'], null, 'leader-2'),
  head: official('hd', ['unit_head'], 'unit-a', null),
  handler: official('h', ['handler'], 'unit-a', null),
  otherHead: official('hd2', ['unit_head'], 'unit-b', null),
  otherHandler: official('h2', ['handler'], 'unit-b', null),
  system: { kind: 'system' },
} satisfies Record<string, Actor>;

export const AT = '2026-11-27T02:00:00.000Z';
export const DUE = '2026-12-15T16:00:00.000Z';

type PBody<T extends ProjectEvent['type']> = Omit<Extract<ProjectEvent, { type: T }>, 'type' | 'actor' | 'at'>;
type MBody<T extends MilestoneEvent['type']> = Omit<Extract<MilestoneEvent, { type: T }>, 'type' | 'actor' | 'at'>;

export function pev<T extends ProjectEvent['type']>(type: T, actor: Actor, body: PBody<T>, at = AT): ProjectEvent {
  return { type, actor, at, ...body } as ProjectEvent;
}

export function mev<T extends MilestoneEvent['type']>(type: T, actor: Actor, body: MBody<T>, at = AT): MilestoneEvent {
  return { type, actor, at, ...body } as MilestoneEvent;
}

export function freshProject(): ProjectSnapshot {
  return startProject({ projectId: 'prj-1', leaderId: 'leader-1', unitId: 'unit-a', startDate: '2026-03-01', plannedCompletion: '2027-06-30' });
}

export function freshMilestone(): MilestoneSnapshot {
  return startMilestone({ milestoneId: 'ms-1', projectId: 'prj-1', leaderId: 'leader-1', unitId: 'unit-a', dueAt: DUE });
}

/** Applies project events that must all succeed. */
export function runProject(s: ProjectSnapshot, ...events: ProjectEvent[]): ProjectSnapshot {
  return events.reduce((acc, e) => {
    const d = decideProject(acc, e);
    if (!d.ok) throw new Error(`${e.type} refused: ${d.code}`);
    return d.next;
  }, s);
}

export function runMilestone(s: MilestoneSnapshot, ...events: MilestoneEvent[]): MilestoneSnapshot {
  return events.reduce((acc, e) => {
    const d = decideMilestone(acc, e);
    if (!d.ok) throw new Error(`${e.type} refused: ${d.code}`);
    return d.next;
  }, s);
}
