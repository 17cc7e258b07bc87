import { z } from 'zod';
import { Time } from './common.ts';
import { issueRefFields } from './search.ts';

const Ref = z.string().meta({ format: 'uuid' });

/** A link between two issues, new or as it already was. */
export const IssueLink = z
  .object({
    issueId: Ref,
    relatedIssueId: Ref,
    linkedBy: Ref.meta({ description: 'The account that made the link' }),
    linkedAt: Time,
    created: z.boolean().meta({ description: '`false`: the two were already linked (`200`), nothing changed' }),
  })
  .meta({ id: 'IssueLink' });

export const RelatedIssue = z
  .object({
    ...issueRefFields,
    sameEnterprise: z.boolean(),
    linkedAt: Time,
    linkedBy: Ref,
  })
  .meta({ id: 'RelatedIssue' });

export const RelatedIssues = z
  .object({
    canLink: z.boolean().meta({ description: 'Whether the caller may link and unlink issues (the district’s officials)' }),
    items: z.array(RelatedIssue).meta({ description: 'The linked issues the caller may see, newest link first' }),
  })
  .meta({ id: 'RelatedIssues' });
