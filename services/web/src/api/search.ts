import type { Answer, IssueSearchResult as IssueSearchResultAnswer, SimilarIssues as SimilarIssuesAnswer } from '@huiyin/contract';
import { get } from './client.ts';

export type IssueSearchResult = Answer<typeof IssueSearchResultAnswer>;
export type IssueHit = IssueSearchResult['items'][number];
type SimilarIssue = Answer<typeof SimilarIssuesAnswer>['items'][number];

/** The header's search: a 工单号 opens `exact`; words find titles and descriptions (README.md#search-and-similar-problems). */
export const searchIssues = (q: string, limit = 10) => get<IssueSearchResult>('/api/v1/search/issues', { q, limit });

/** Likely duplicates (same enterprise) and related open problems (others) of an issue, most similar first. */
export const similarIssues = (issueId: string, query: { limit?: number; open?: boolean } = {}) =>
  get<{ items: SimilarIssue[] }>(`/api/v1/issues/${issueId}/similar`, { limit: query.limit ?? 10, open: String(query.open ?? true) });
