import type { Answer, IssueLink as IssueLinkAnswer, RelatedIssues as RelatedIssuesAnswer } from '@huiyin/contract';
import { get, post, request } from './client.ts';

export type RelatedIssues = Answer<typeof RelatedIssuesAnswer>;
export type IssueLink = Answer<typeof IssueLinkAnswer>;

/** 关联诉求 of an issue: the linked issues this user may see (README.md#related-issues). */
export const relatedIssues = (issueId: string) => get<RelatedIssues>(`/api/v1/issues/${issueId}/related`);
export const linkIssue = (issueId: string, other: string) => post<IssueLink>(`/api/v1/issues/${issueId}/related`, { issueId: other });
/** 关联 by the other issue's number (工单号), as the user typed it once made whole (`issueNumberOf`). */
export const linkIssueByNumber = (issueId: string, number: string) => post<IssueLink>(`/api/v1/issues/${issueId}/related`, { issueNumber: number });
export const unlinkIssue = (issueId: string, other: string) => request<void>('DELETE', `/api/v1/issues/${issueId}/related/${other}`);
