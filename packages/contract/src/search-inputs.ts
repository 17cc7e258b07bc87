import { z } from 'zod';

/** The header's search box: a 工单号 or words of a title or description (Chinese needs no spaces). */
export const IssueSearchQuery = z.object({
  q: z.string().trim().min(1).max(100).meta({ description: 'An issue number (2026-000123, 2026-123 or 123) or words; every whitespace-separated term must appear' }),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type IssueSearchQuery = z.infer<typeof IssueSearchQuery>;

/** Likely duplicates and related problems of one issue. */
export const SimilarIssuesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(true)
    .meta({ description: '`true` (default): only issues not yet ended; `false`: ended ones too' }),
});
export type SimilarIssuesQuery = z.infer<typeof SimilarIssuesQuery>;
