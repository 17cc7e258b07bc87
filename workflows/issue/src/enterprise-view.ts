import type { IssueEventType } from './types.ts';

/** Ledger events that are not machine events but may reach the enterprise's timeline. */
type LedgerOnlyType = 'file' | 'pressReminder';

/**
 * What the enterprise may read of each event on its own issue's timeline (docs/domain.md#ledger):
 * the payload keys it is shown. Notes officials write to each other (the first-contact record,
 * the unit head's review, the leader's extension note, the dispatcher's ruling) stay internal;
 * an event type absent here is never shown to the enterprise, whatever else says so.
 */
export const ENTERPRISE_VIEW: Readonly<Partial<Record<IssueEventType | LedgerOnlyType, readonly string[]>>> = {
  file: ['number', 'categoryId', 'title', 'channel', 'expectedDueAt', 'attachmentIds'],
  list: ['leaderId', 'leadUnitId', 'assistingUnitIds', 'timeLimit', 'milestones', 'pendingDocuments', 'greenChannel'],
  dispatch: ['claimDueAt', 'handlingDueAt'],
  markDuplicate: ['duplicateOf', 'duplicateOfNumber'],
  claim: ['claimedByName', 'unitId'],
  ruleReturn: ['leadUnitId', 'claimDueAt', 'handlingDueAt'],
  recordFirstContact: ['channel'],
  reportMilestone: ['milestoneId', 'title', 'note'],
  interimReply: ['body'],
  requestInfo: ['body'],
  supplyInfo: ['body', 'attachmentIds'],
  addInformation: ['body', 'attachmentIds'],
  resumeHandling: [],
  supplyDocument: ['pendingDocumentId', 'name'],
  approveExtension: ['previousDueAt', 'handlingDueAt'],
  reviewAnswer: ['outcome', 'answer', 'wayForward'],
  signOff: ['outcome', 'answer', 'wayForward'],
  rate: ['resolved', 'satisfaction', 'comment', 'reopened'],
  ratingTimeout: ['invitation', 'ratingDueAt', 'outcome'],
  withdraw: ['reason'],
  strikeOff: ['reason'],
  // 催办: the enterprise sees its own presses (the ledger marks a leader's internal).
  pressReminder: ['presser', 'count'],
};

/** The event's payload as the enterprise sees it, or null when the event is not for its eyes. */
export function enterprisePayload(type: string, payload: unknown): Record<string, unknown> | null {
  const keys = ENTERPRISE_VIEW[type as keyof typeof ENTERPRISE_VIEW];
  if (!keys) return null;
  const from = (payload ?? {}) as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => k in from).map((k) => [k, from[k]]));
}
