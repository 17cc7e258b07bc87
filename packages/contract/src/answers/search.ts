import { z } from 'zod';
import { Time } from './common.ts';
import { IssueStage } from './issues.ts';

const Ref = z.string().meta({ format: 'uuid' });

/** How a list of other issues names each one (search hits, similar and related issues): enough to recognise and open it. */
export const issueRefFields = {
  id: Ref,
  number: z.string(),
  title: z.string(),
  stage: IssueStage,
  filedAt: Time,
  closedAt: Time.nullable(),
  enterpriseId: Ref,
  enterpriseName: z.string(),
};

/** One issue found. */
export const IssueHit = z.object({ ...issueRefFields, categoryName: z.string() }).meta({ id: 'IssueHit' });

export const IssueSearchResult = z
  .object({
    exact: IssueHit.nullable().meta({ description: 'The issue whose number was typed, when the caller may see it' }),
    items: z.array(IssueHit).meta({ description: 'Issues holding every term in the title or description, newest first' }),
  })
  .meta({ id: 'IssueSearchResult' });

export const SimilarIssue = z
  .object({
    ...issueRefFields,
    duplicateOf: Ref.nullable(),
    sameEnterprise: z.boolean().meta({ description: 'Filed by the same enterprise: a likely duplicate (标记重复); otherwise a related problem' }),
    similarity: z.number().meta({ description: 'Dice coefficient of the two texts’ character bigrams, 0–1' }),
  })
  .meta({ id: 'SimilarIssue' });

export const SimilarIssues = z.object({ items: z.array(SimilarIssue) }).meta({ id: 'SimilarIssues' });
