import type { ErrorCode } from '@huiyin/domain';
import type { ProjectContext, ProjectEvent } from './types.ts';

/**
 * What must hold, beyond role and state, for a project event to apply: a stable `project.*`
 * code naming the unmet condition, or null.
 */
export function unmetProjectCondition(event: ProjectEvent, c: ProjectContext): ErrorCode | null {
  switch (event.type) {
    case 'update':
      if (event.plannedCompletion < event.startDate) return 'project.completion_before_start';
      if (c.lastMilestoneDueOn && event.plannedCompletion < c.lastMilestoneDueOn) return 'project.completion_before_milestone';
      return null;
    case 'planMilestones':
      if (event.dueOns.length === 0) return 'project.no_milestones';
      return event.dueOns.some((d) => d > c.plannedCompletion) ? 'project.milestone_after_completion' : null;
    case 'complete':
      return event.openMilestones > 0 ? 'project.milestones_open' : null;
    default:
      return null;
  }
}
