import type { Actor } from '@huiyin/domain';
import { decideIssue, startIssue, type IssueSnapshot } from './decide.ts';
import type { IssueEvent } from './types.ts';

/** A small cast for machine tests: one enterprise, one leader, two units. */
export const cast = {
  enterprise: { kind: 'enterprise', accountId: 'acc-e', enterpriseId: 'ent-1' },
  otherEnterprise: { kind: 'enterprise', accountId: 'acc-e2', enterpriseId: 'ent-2' },
  dispatcher: official('d', ['dispatcher'], null, null),
  supervisor: official('s', ['supervisor'], null, null),
  leader: official('l', ['leader'], null, 'leader-1'),
  otherLeader: official('l2', ['leader'], null, 'leader-2'),
  handler: official('h', ['handler'], 'unit-a', null),
  head: official('hd', ['unit_head'], 'unit-a', null),
  otherHandler: official('h2', ['handler'], 'unit-b', null),
  otherHead: official('hd2', ['unit_head'], 'unit-b', null),
  assistHandler: official('h3', ['handler'], 'unit-c', null),
  system: { kind: 'system' },
} satisfies Record<string, Actor>;

function official(id: string, roles: Actor extends infer A ? (A extends { roles: infer R } ? R : never) : never, unitId: string | null, leaderId: string | null): Actor {
  return { kind: 'official', accountId: `acc-${id}`, officialId: id, roles, unitId, leaderId };
}

export const AT = '2026-11-27T02:00:00.000Z';
export const DUE = '2026-12-04T09:30:00.000Z';

type Body<T extends IssueEvent['type']> = Omit<Extract<IssueEvent, { type: T }>, 'type' | 'actor' | 'at'>;

/** Builds an event at the fixed test time. */
export function ev<T extends IssueEvent['type']>(type: T, actor: Actor, body: Body<T>): IssueEvent {
  return { type, actor, at: AT, ...body } as IssueEvent;
}

export function fresh(): IssueSnapshot {
  return startIssue({ issueId: 'iss-1', enterpriseId: 'ent-1', firstResponderId: null, greenChannel: false });
}

/** Applies events that must all succeed. */
export function run(snapshot: IssueSnapshot, ...events: IssueEvent[]): IssueSnapshot {
  return events.reduce((s, e) => {
    const d = decideIssue(s, e);
    if (!d.ok) throw new Error(`${e.type} refused: ${d.code}`);
    return d.next;
  }, snapshot);
}

export const steps = {
  list: (assists: string[] = []) =>
    ev('list', cast.dispatcher, {
      leaderId: 'leader-1',
      leadUnitId: 'unit-a',
      assists: assists.map((unitId) => ({ unitId, dueAt: DUE, answered: false })),
      greenChannel: false,
      pendingDocuments: 0,
    }),
  dispatch: () => ev('dispatch', cast.dispatcher, { claimDueAt: AT, handlingDueAt: DUE }),
  claim: () => ev('claim', cast.handler, {}),
  contact: () => ev('recordFirstContact', cast.handler, {}),
  resolve: (outcome: 'positive' | 'negative' = 'positive', wayForward: string | null = null) => ev('resolve', cast.handler, { outcome, wayForward }),
  review: (approve = true) => ev('reviewAnswer', cast.head, { approve, ratingDueAt: DUE }),
  signOff: (approve = true) => ev('signOff', cast.leader, { approve, ratingDueAt: DUE }),
  rate: (satisfaction: 'satisfied' | 'basically' | 'dissatisfied') => ev('rate', cast.enterprise, { resolved: 'yes', satisfaction, claimDueAt: AT, handlingDueAt: DUE }),
};

/** An issue claimed by unit-a with first contact recorded. */
export function inProgress(): IssueSnapshot {
  return run(fresh(), steps.list(), steps.dispatch(), steps.claim(), steps.contact());
}
