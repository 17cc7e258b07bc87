import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, IssueSearchQuery, IssueSearchResult, SimilarIssues, SimilarIssuesQuery } from '@huiyin/contract';
import { searchIssues, similarIssues, type EngineDeps } from '@huiyin/engine';
import { actorOf } from '../auth/authenticate.ts';

const IdParams = z.object({ id: Id });

/** The header's search box and the likely duplicates of an issue (README.md#search-and-similar-problems). */
export const issueSearchRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  app.get(
    '/api/v1/search/issues',
    {
      schema: {
        tags: ['issues'],
        operationId: 'searchIssues',
        summary: 'Search the issues you may see: by number, or words of the title and description',
        description:
          'A number (2026-000123, 2026-123, or 123 for this year’s, else last year’s) comes back as `exact` when you may see that issue. Every whitespace-separated term must appear in the title or description; Chinese needs no spaces (线路故障 finds 线路故障频繁停电). Newest first, scoped as `listIssues`: an enterprise finds only its own issues.',
        querystring: IssueSearchQuery,
        response: { 200: IssueSearchResult },
      },
    },
    async (request) => searchIssues(deps.db, actorOf(request), { ...request.query, now: deps.clock() }),
  );

  app.get(
    '/api/v1/issues/:id/similar',
    {
      schema: {
        tags: ['issues'],
        operationId: 'listSimilarIssues',
        summary: 'Likely duplicates and related problems of an issue, most similar first',
        description:
          'Issues you may see whose title and description share the most character bigrams with this one’s (Dice coefficient, `similarity` 0–1, at least 0.15), from the same enterprise (`sameEnterprise`: a likely duplicate to mark) or others (a related problem). `open=true` (default) keeps those not yet ended. Whoever may see the issue, as `listIssues` scopes it; anyone else gets `404 issue.not_found`.',
        params: IdParams,
        querystring: SimilarIssuesQuery,
        response: { 200: SimilarIssues },
      },
    },
    async (request) => similarIssues(deps.db, actorOf(request), { issueId: request.params.id, ...request.query }),
  );
};
