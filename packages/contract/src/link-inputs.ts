import { z } from 'zod';
import { Id } from './common.ts';
import { IssueNumber } from './issue-inputs.ts';

/** 关联诉求: the other issue of a link, by its id or, as people have it, by its number (工单号); the link has no direction. */
export const LinkIssueInput = z
  .strictObject({
    issueId: Id.optional().meta({ description: 'The issue to link this one to: of any enterprise, not this issue itself' }),
    issueNumber: IssueNumber.optional().meta({ description: 'The other issue’s number (工单号), instead of `issueId`' }),
  })
  .superRefine((v, ctx) => {
    if ((v.issueId === undefined) === (v.issueNumber === undefined)) ctx.addIssue({ code: 'custom', path: ['issueNumber'], message: 'name the other issue by issueId or issueNumber, one of them' });
  });
export type LinkIssueInput = z.infer<typeof LinkIssueInput>;
