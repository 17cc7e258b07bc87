import type { ErrorCode } from '@huiyin/domain';
import type { IssueContext, IssueEvent } from './types.ts';

/**
 * What must hold, beyond role and state, for an event to apply. Returns a stable error code
 * (`issue.*`) naming the unmet condition, or null.
 */
export function unmetIssueCondition(event: IssueEvent, c: IssueContext): ErrorCode | null {
  switch (event.type) {
    case 'list': {
      const units = event.assists.map((t) => t.unitId);
      if (units.includes(event.leadUnitId)) return 'issue.lead_unit_also_assisting';
      if (new Set(units).size !== units.length) return 'issue.assisting_unit_repeated';
      return null;
    }
    case 'markDuplicate':
      return event.duplicateOf === c.issueId ? 'issue.duplicate_of_itself' : null;
    case 'return':
      return c.returnDeniedUnitIds.includes(c.leadUnitId ?? '') ? 'issue.return_ruling_final' : null;
    case 'ruleReturn':
      if (!event.upheld) return null;
      if (!event.leadUnitId || !event.claimDueAt || !event.handlingDueAt) return 'issue.redispatch_unit_required';
      if (c.assists.some((t) => t.unitId === event.leadUnitId)) return 'issue.lead_unit_also_assisting';
      return event.leadUnitId === c.returningUnitId ? 'issue.redispatch_same_unit' : null;
    case 'recordFirstContact':
      return c.firstContactAt ? 'issue.first_contact_already_recorded' : null;
    case 'requestInfo':
      // A pause stops the handling clock; once it has run out, pausing would hide the lateness.
      return c.handlingDueAt && Date.parse(event.at) >= Date.parse(c.handlingDueAt) ? 'issue.pause_after_due' : null;
    case 'requestExtension':
      if (c.pendingExtension) return 'issue.extension_pending';
      return c.handlingDueAt && Date.parse(event.at) >= Date.parse(c.handlingDueAt) ? 'issue.extension_after_due' : null;
    case 'approveExtension':
    case 'denyExtension':
      return c.pendingExtension ? null : 'issue.no_extension_pending';
    case 'answerAssist': {
      const actorUnit = event.actor.kind === 'official' ? event.actor.unitId : null;
      const task = c.assists.find((t) => t.unitId === actorUnit);
      return task && !task.answered ? null : 'issue.assist_already_answered';
    }
    case 'supplyDocument':
      return c.pendingDocuments > 0 ? null : 'issue.no_documents_pending';
    case 'resolve':
      if (!c.firstContactAt) return 'issue.first_contact_missing';
      if (c.assists.some((t) => !t.answered)) return 'issue.assists_unanswered';
      if (event.outcome === 'negative' && !event.wayForward?.trim()) return 'issue.way_forward_required';
      return null;
    default:
      return null;
  }
}
