export { issueMachine } from './issue-machine.ts';
export * from './decide.ts';
export * from './types.ts';
export { runningClocks, type ClockDeclaration, type ClockKind } from './clocks.ts';
export { mayAct, whoFiles, RETURNS_BEFORE_LEADER, type Filer } from './permissions.ts';
export { unmetCondition } from './preconditions.ts';
export { statusNote, type Names } from './status-note.ts';
export { needsTrackForTimeliness, timelinessFacts, type TimelinessFact } from './timeliness.ts';
