export { projectMachine } from './project-machine.ts';
export { milestoneMachine } from './milestone-machine.ts';
export * from './decide.ts';
export * from './types.ts';
export * from './report-periods.ts';
export type { ProjectClockDeclaration } from './clocks.ts';
export { mayActOnProject } from './project-permissions.ts';
export { mayActOnMilestone } from './milestone-permissions.ts';
