export { issueMachine } from './issue-machine.ts';
export * from './decide.ts';
export * from './types.ts';
export { runningClocks, type ClockDeclaration } from './clocks.ts';
export { mayActOnIssue, whoFiles, RETURNS_BEFORE_LEADER, type Filer } from './permissions.ts';
export { unmetIssueCondition } from './preconditions.ts';
export { statusNote, type Names } from './status-note.ts';
export { needsTrackForTimeliness, timelinessFacts, type TimelinessFact } from './timeliness.ts';
export { ENTERPRISE_VIEW, enterprisePayload } from './enterprise-view.ts';
