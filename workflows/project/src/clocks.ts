import type { ProjectClockKind } from '@huiyin/domain';
/**
 * The clocks a project or milestone state runs, for the timers work: a milestone's clock walks
 * the timeliness track (reminder, yellow, red, leader, supervision) from its due time until it
 * is done; a project under way owes a progress report each period, paused while suspended.
 */
export type ProjectClockDeclaration = Partial<Record<ProjectClockKind, 'running' | 'paused'>>;
export type ProjectStateMeta = { clocks: ProjectClockDeclaration };
