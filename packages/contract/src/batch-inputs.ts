import { z } from 'zod';
import { Id, Instant, Text, TimeLimit } from './common.ts';

/** Most issues one batch request takes. */
const MAX_BATCH_IDS = 100;

/** The issues a batch action goes over, each on its own (a repeated id counts once). */
export const BatchIssueIds = z.strictObject({ ids: z.array(Id).min(1).max(MAX_BATCH_IDS) });
export type BatchIssueIds = z.infer<typeof BatchIssueIds>;

/** Batch 督办: the same 督办单 on each issue, due in a time limit from now or at a time. */
export const BatchOrderInput = BatchIssueIds.extend({
  requiredReply: Text(2000),
  dueIn: TimeLimit.optional(),
  dueAt: Instant.optional(),
}).superRefine((b, ctx) => {
  if ((b.dueIn === undefined) === (b.dueAt === undefined)) ctx.addIssue({ code: 'custom', path: ['dueIn'], message: 'give exactly one of dueIn (a time limit) or dueAt (a due time)' });
});
export type BatchOrderInput = z.infer<typeof BatchOrderInput>;
