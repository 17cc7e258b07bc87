import { DomainError, hasRole, isLeader, isUnitHeadOf, isUnitMember, type Actor } from '@huiyin/domain';
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
  ruleReturn: (a, c) => (c.returnCount >= RETURNS_BEFORE_LEADER ? isLeader(a, c.leaderId) : dispatcher(a)),
  recordFirstContact: leadUnit,
  reportMilestone: leadUnit,
  interimReply: leadUnit,
  requestInfo: leadUnit,
  // The engine resumes when the pause allowance is spent (docs/domain.md#limit-bounds).
  resumeHandling: (a, c) => a.kind === 'system' || leadUnit(a, c),
  supplyInfo: owner,
  addInformation: owner,
  supplyDocument: (a, c) => owner(a, c) || leadUnit(a, c),
  requestExtension: leadUnit,
  approveExtension: (a, c) => isLeader(a, c.leaderId),
  denyExtension: (a, c) => isLeader(a, c.leaderId),
  answerAssist: (a, c) => a.kind === 'official' && c.assists.some((t) => isUnitMember(a, t.unitId)),
  resolve: leadUnit,
  reviewAnswer: (a, c) => isUnitHeadOf(a, c.leadUnitId),
  signOff: (a, c) => isLeader(a, c.leaderId),
  rate: owner,
  ratingTimeout: (a) => a.kind === 'system',
  recomputeDue: (a) => a.kind === 'system',
  withdraw: owner,
  strikeOff: (a) => hasRole(a, 'supervisor', 'dispatcher'),
};

export function mayActOnIssue(type: IssueEventType, actor: Actor, context: IssueContext): boolean {
  return RULES[type](actor, context);
}

/** Who files an issue: an enterprise, or an official recording one on its behalf. */
export type Filer = Exclude<Actor, { kind: 'system' }>;

/**
 * Who may file for whom: an enterprise for itself only; an official for the enterprise they name,
 * becoming its first responder (首问责任, docs/domain.md#first-responder); the engine never.
 * @throws DomainError naming `enterpriseId` when the enterprise is missing or not the filer's own
 */
export function whoFiles(actor: Actor, enterpriseId: string | undefined): { filer: Filer; enterpriseId: string; firstResponderId: string | null } {
  if (actor.kind === 'system') throw new DomainError('auth.forbidden', 'the engine does not file issues');
  if (actor.kind === 'enterprise') {
    if (enterpriseId && enterpriseId !== actor.enterpriseId) {
      throw new DomainError('validation.invalid', 'an enterprise files only for itself', { field: 'enterpriseId' });
    }
    return { filer: actor, enterpriseId: actor.enterpriseId, firstResponderId: null };
  }
  if (!enterpriseId) throw new DomainError('validation.required', 'name the enterprise you record this for', { field: 'enterpriseId' });
  return { filer: actor, enterpriseId, firstResponderId: actor.officialId };
}
