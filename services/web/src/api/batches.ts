import type { Answer, BatchResult as BatchResultAnswer, ReminderPressed as ReminderPressedAnswer, TimeLimit } from '@huiyin/contract';
import { post } from './client.ts';

export type BatchResult = Answer<typeof BatchResultAnswer>;
export type ReminderPressed = Answer<typeof ReminderPressedAnswer>;

/** Batch actions (each issue its own transaction, each reported ok or refused) and 催办. */
export const batches = {
  claim: (ids: string[]) => post<BatchResult>('/api/v1/issues/batch/claim', { ids }),
  dispatch: (ids: string[]) => post<BatchResult>('/api/v1/issues/batch/dispatch', { ids }),
  order: (ids: string[], requiredReply: string, dueIn: TimeLimit) => post<BatchResult>('/api/v1/issues/batch/supervision-orders', { ids, requiredReply, dueIn }),
  pressReminder: (issueId: string) => post<ReminderPressed>(`/api/v1/issues/${issueId}/reminders`, {}),
};
