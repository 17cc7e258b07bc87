/** The enterprise's two answers when rating (docs/domain.md#rating). */
export const RESOLVED_ANSWERS = ['yes', 'partly', 'no'] as const;
export type ResolvedAnswer = (typeof RESOLVED_ANSWERS)[number];
export const SATISFACTIONS = ['satisfied', 'basically', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** 整改不到位、问题不解决、业主不满意 不放过: only dissatisfaction reopens. */
export function ratingReopens(satisfaction: Satisfaction): boolean {
  return satisfaction === 'dissatisfied';
}
