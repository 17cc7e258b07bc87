import type { Answer, ClockExplanation as ClockExplanationAnswer } from '@huiyin/contract';
import { get } from './client.ts';

export type ClockExplanation = Answer<typeof ClockExplanationAnswer>;
export type ClockExplainStep = ClockExplanation['steps'][number];
export type ExplainedDay = ClockExplainStep['days'][number];

/** How one of an issue's clocks got its due time (docs/api.md#deadlines-explained). */
export const explainClock = (issueId: string, kind: ClockExplanation['kind'], query: { subject?: string; extendBy?: string; pauseFrom?: 'now' } = {}) =>
  get<ClockExplanation>(`/api/v1/issues/${issueId}/clocks/${kind}/explain`, query);
