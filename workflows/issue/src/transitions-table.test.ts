import { describe, expect, it } from 'vitest';
import { issueMachine } from './issue-machine.ts';
import type { IssueEventType } from './types.ts';

/**
 * The legal events of each state, written out by hand. Any event not listed for a state is
 * refused there; a change to the machine that adds or drops one must change this table too.
 */
const LEGAL: Record<string, IssueEventType[]> = {
  submitted: ['addInformation', 'list', 'markDuplicate', 'withdraw', 'supplyDocument', 'recomputeDue'],
  listed: ['addInformation', 'list', 'dispatch', 'markDuplicate', 'withdraw', 'supplyDocument', 'recomputeDue'],
  awaitingClaim: ['addInformation', 'claim', 'return', 'withdraw', 'supplyDocument', 'recomputeDue'],
  returned: ['addInformation', 'ruleReturn', 'withdraw', 'supplyDocument', 'recomputeDue'],
  'inProgress.working': [
    'addInformation',
    'reportMilestone',
    'interimReply',
    'requestExtension',
    'approveExtension',
    'denyExtension',
    'answerAssist',
    'supplyDocument',
    'withdraw',
    'recordFirstContact',
    'requestInfo',
    'resolve',
    'recomputeDue',
  ],
  'inProgress.waitingOnEnterprise': [
    'addInformation',
    'reportMilestone',
    'interimReply',
    'requestExtension',
    'approveExtension',
    'denyExtension',
    'answerAssist',
    'supplyDocument',
    'withdraw',
    'supplyInfo',
    'resumeHandling',
    'recomputeDue',
  ],
  answerReview: ['addInformation', 'reviewAnswer', 'withdraw', 'recomputeDue'],
  answerSignOff: ['addInformation', 'signOff', 'withdraw', 'recomputeDue'],
  resolved: ['rate', 'ratingTimeout', 'strikeOff', 'recomputeDue'],
  reopened: ['addInformation', 'claim', 'withdraw', 'supplyDocument', 'recomputeDue'],
  closed: [],
  withdrawn: [],
  duplicate: [],
};

describe('the transition table', () => {
  it.each(Object.entries(LEGAL))('%s accepts exactly its legal events', (path, legal) => {
    const [top, sub] = path.split('.');
    const states = issueMachine.states as Record<string, (typeof issueMachine)['root']>;
    const parent = states[top ?? ''];
    const node = sub ? parent?.states[sub] : parent;
    const accepted = new Set<string>();
    for (let n = node; n && n !== issueMachine.root; n = n.parent) {
      for (const t of n.ownEvents) accepted.add(t);
    }
    expect([...accepted].sort()).toEqual([...legal].sort());
  });

  it('covers every state of the machine', () => {
    const paths: string[] = [];
    for (const [k, n] of Object.entries(issueMachine.states)) {
      const subs = Object.keys(n.states);
      paths.push(...(subs.length ? subs.map((s) => `${k}.${s}`) : [k]));
    }
    expect(paths.sort()).toEqual(Object.keys(LEGAL).sort());
  });
});
