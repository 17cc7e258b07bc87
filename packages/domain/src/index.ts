export * from './enterprise/credit-code.ts';
export * from './actor/actor.ts';
export * from './issue/rating.ts';
export * from './issue/time-limit-policy.ts';
export * from './errors.ts';
export * from './issue/issue-number.ts';
export * from './clock/track.ts';
