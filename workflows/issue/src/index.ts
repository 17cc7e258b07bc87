export { issueMachine } from './issue-machine.ts';
export * from './decide.ts';
export * from './types.ts';
export { runningClocks, type ClockDeclaration, type ClockKind } from './clocks.ts';
export { mayAct, RETURNS_BEFORE_LEADER } from './permissions.ts';
export { unmetCondition } from './preconditions.ts';
export { statusNote, type Names } from './status-note.ts';
