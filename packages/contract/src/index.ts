export * from './common.ts';
export * from './issue-inputs.ts';
export * from './enterprise-inputs.ts';
export * from './account-inputs.ts';
export * from './calendar-inputs.ts';
export * from './category-inputs.ts';
export * from './answers/index.ts';
