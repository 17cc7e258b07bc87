import { z } from 'zod';
import { RESOLVED_ANSWERS, SATISFACTIONS } from '@huiyin/domain';
import { ExpectedVersion, Id, Instant, Text, TimeLimit } from './common.ts';

export const FileIssueInput = z.strictObject({
  categoryId: Id,
  title: Text(200),
  description: Text(10_000),
  /** Required when an official records the issue on an enterprise's behalf (首问责任). */
  enterpriseId: Id.optional(),
  attachmentIds: z.array(Id).max(20).default([]),
  channel: z.enum(['portal', 'phone', 'visit', 'meeting', 'project', 'open311']).default('portal'),
});
export type FileIssueInput = z.infer<typeof FileIssueInput>;

export const MilestonePlanItem = z.strictObject({ title: Text(200), dueAt: Instant });

export const ListIssueInput = ExpectedVersion.extend({
  /** Defaults to the enterprise's assigned leader (分包领导). */
  leaderId: Id.optional(),
  /** Defaults to the enterprise's assigned unit. */
  leadUnitId: Id.optional(),
  assistingUnitIds: z.array(Id).max(10).default([]),
  /** Defaults to the category's handling limit. */
  timeLimit: TimeLimit.optional(),
  milestones: z.array(MilestonePlanItem).max(20).default([]),
  /** 容缺: documents still owed, each with the category's supplement limit. */
  pendingDocuments: z
    .array(z.strictObject({ name: Text(200) }))
    .max(20)
    .default([]),
  greenChannel: z.boolean().optional(),
});
export type ListIssueInput = z.infer<typeof ListIssueInput>;

/**
 * 派单. Each assisting unit's due time may be set here; it must fall before the lead unit's
 * (default: the lead's due time less the category's `assistMargin`).
 */
export const DispatchInput = ExpectedVersion.extend({
  assists: z
    .array(z.strictObject({ unitId: Id, dueAt: Instant }))
    .max(20)
    .optional(),
});
/** An issue's number as people write it: the year, a dash, six or more digits (2026-000123). */
export const IssueNumber = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{6,9}$/, 'an issue number like 2026-000123');
/** The original named by its id or, as people have it, by its number (工单号): one of the two. */
export const MarkDuplicateInput = ExpectedVersion.extend({
  duplicateOf: Id.optional(),
  duplicateOfNumber: IssueNumber.optional().meta({ description: 'The original’s number (工单号), instead of `duplicateOf`' }),
  note: Text(2000).optional(),
}).superRefine((v, ctx) => {
  if ((v.duplicateOf === undefined) === (v.duplicateOfNumber === undefined))
    ctx.addIssue({ code: 'custom', path: ['duplicateOfNumber'], message: 'name the original by duplicateOf or duplicateOfNumber, one of them' });
});
export const ClaimInput = ExpectedVersion;
export const ReturnInput = ExpectedVersion.extend({ reason: Text(2000) });
export const RuleReturnInput = ExpectedVersion.extend({
  upheld: z.boolean(),
  /** Required when upheld: the unit that takes the issue over. */
  leadUnitId: Id.optional(),
  note: Text(2000),
});
export const FirstContactInput = ExpectedVersion.extend({
  channel: z.enum(['phone', 'visit', 'meeting', 'message']),
  note: Text(2000),
});
export const ReportMilestoneInput = ExpectedVersion.extend({ milestoneId: Id, note: Text(2000) });
export const InterimReplyInput = ExpectedVersion.extend({ body: Text(5000) });
export const RequestInfoInput = ExpectedVersion.extend({ body: Text(5000) });
export const SupplyInfoInput = ExpectedVersion.extend({ body: Text(5000), attachmentIds: z.array(Id).max(20).default([]) });
export const AddInformationInput = ExpectedVersion.extend({ body: Text(5000), attachmentIds: z.array(Id).max(20).default([]) });
export const ResumeHandlingInput = ExpectedVersion.extend({ note: Text(2000) });
export const SupplyDocumentInput = ExpectedVersion.extend({ pendingDocumentId: Id, attachmentId: Id });
export const RequestExtensionInput = ExpectedVersion.extend({ amount: TimeLimit, reason: Text(2000) });
export const DecideExtensionInput = ExpectedVersion.extend({ note: Text(2000).optional() });
export const AnswerAssistInput = ExpectedVersion.extend({ body: Text(5000) });
export const ResolveInput = ExpectedVersion.extend({
  body: Text(10_000),
  outcome: z.enum(['positive', 'negative']),
  /** Required for a negative answer: never "cannot", always how. */
  wayForward: Text(5000).optional(),
});
export const ReviewInput = ExpectedVersion.extend({ approve: z.boolean(), note: Text(2000).optional() });
export const RateInput = ExpectedVersion.extend({
  resolved: z.enum(RESOLVED_ANSWERS),
  satisfaction: z.enum(SATISFACTIONS),
  comment: Text(2000).optional(),
});
export const WithdrawInput = ExpectedVersion.extend({ reason: Text(2000) });
export const StrikeOffInput = ExpectedVersion.extend({ reason: Text(2000) });
