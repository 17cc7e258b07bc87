import { z } from 'zod';
import { Id } from './common.ts';

/** 关联诉求: the other issue of a link; the link has no direction. */
export const LinkIssueInput = z.strictObject({
  issueId: Id.meta({ description: 'The issue to link this one to: of any enterprise, not this issue itself' }),
});
export type LinkIssueInput = z.infer<typeof LinkIssueInput>;
