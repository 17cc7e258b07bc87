import { hasRole, isLeader, isUnitHeadOf, isUnitMember, type Actor } from '@huiyin/domain';
import type { IssueContext, IssueEventType } from './types.ts';

/** After this many returns the leader, not the dispatcher, rules on the next one. */
export const RETURNS_BEFORE_LEADER = 2;

const owner = (a: Actor, c: IssueContext) => a.kind === 'enterprise' && a.enterpriseId === c.enterpriseId;
const leadUnit = (a: Actor, c: IssueContext) => isUnitMember(a, c.leadUnitId);
const dispatcher = (a: Actor) => hasRole(a, 'dispatcher');

/**
 * Who may send each event, by role and relation to the issue. The machine's guards call this,
 * and the API calls it too so that a refusal is a 403, not a silent no-op.
 */
const RULES: Record<IssueEventType, (actor: Actor, context: IssueContext) => boolean> = {
  list: dispatcher,
  dispatch: dispatcher,
  markDuplicate: dispatcher,
  claim: leadUnit,
  return: leadUnit,
  ruleReturn: (a, c) =>
    c.returnCount >= RETURNS_BEFORE_LEADER ? isLeader(a, c.leaderId) : dispatcher(a),
  recordFirstContact: leadUnit,
  reportMilestone: leadUnit,
  interimReply: leadUnit,
  requestInfo: leadUnit,
  resumeHandling: leadUnit,
  supplyInfo: owner,
  addInformation: owner,
  supplyDocument: (a, c) => owner(a, c) || leadUnit(a, c),
  requestExtension: leadUnit,
  approveExtension: (a, c) => isLeader(a, c.leaderId),
  denyExtension: (a, c) => isLeader(a, c.leaderId),
  answerAssist: (a, c) =>
    a.kind === 'official' && c.assists.some((t) => isUnitMember(a, t.unitId)),
  resolve: leadUnit,
  reviewAnswer: (a, c) => isUnitHeadOf(a, c.leadUnitId),
  signOff: (a, c) => isLeader(a, c.leaderId),
  rate: owner,
  ratingTimeout: (a) => a.kind === 'system',
  recomputeDue: (a) => a.kind === 'system',
  withdraw: owner,
  strikeOff: (a) => hasRole(a, 'supervisor', 'dispatcher'),
};

export function mayAct(type: IssueEventType, actor: Actor, context: IssueContext): boolean {
  return RULES[type](actor, context);
}
