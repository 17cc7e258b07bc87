import type { ErrorCode } from '@huiyin/domain';
import type { MilestoneContext, MilestoneEvent } from './types.ts';

/** What must hold, beyond role and state, for a milestone event: a `milestone.*` code, or null. */
export function unmetMilestoneCondition(event: MilestoneEvent, c: MilestoneContext): ErrorCode | null {
  switch (event.type) {
    case 'reportProgress':
      if (!Number.isInteger(event.percent) || event.percent < 0 || event.percent > 100) return 'milestone.percent_out_of_range';
      // Progress is reported to date: it does not go backwards.
      return event.percent < c.percent ? 'milestone.percent_decreased' : null;
    case 'overdue':
      return Date.parse(event.at) < Date.parse(c.dueAt) ? 'milestone.not_yet_due' : null;
    case 'replan':
      return Date.parse(event.dueAt) <= Date.parse(event.at) ? 'milestone.replan_in_past' : null;
    default:
      return null;
  }
}
