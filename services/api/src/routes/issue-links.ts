import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, IssueLink, LinkIssueInput, NoContent, RelatedIssues } from '@huiyin/contract';
import { linkIssues, relatedIssues, unlinkIssues, type EngineDeps } from '@huiyin/engine';
import { actorOf } from '../auth/authenticate.ts';

const IdParams = z.object({ id: Id });
const WHO =
  'An official who may see both issues (dispatchers and supervisors see every one). Either issue hidden from the caller `404 issue.not_found` naming `id` or `issueId`; an enterprise on two issues of its own `403 auth.forbidden`.';

/** 关联诉求: links between issues about one problem, of any enterprises (README.md#related-issues). */
export const issueLinkRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  app.get(
    '/api/v1/issues/:id/related',
    {
      schema: {
        tags: ['issues'],
        operationId: 'listRelatedIssues',
        summary: '关联诉求: the issues linked to this one',
        description:
          'The linked issues the caller may see, newest link first, scoped as `listIssues`: an enterprise sees only links to its own issues. Whoever may see the issue; anyone else `404 issue.not_found`.',
        params: IdParams,
        response: { 200: RelatedIssues },
      },
    },
    async (request) => relatedIssues(deps.db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/issues/:id/related',
    {
      schema: {
        tags: ['issue actions'],
        operationId: 'linkRelatedIssue',
        summary: '关联: link this issue to another about the same problem (any enterprise)',
        description: `A link has no direction and ends neither issue (unlike 标记重复); it goes on both issues' ledgers as \`linkRelated\`, not shown to the enterprises. \`201\` a new link; \`200\` the two were already linked, nothing changed. The other issue by \`issueId\` or by its number (\`issueNumber\`, 工单号), one of them; a number not found or not visible is \`404 issue.not_found\` naming \`issueNumber\`. An issue linked to itself is \`400 validation.invalid\` naming \`issueId\`. ${WHO}`,
        params: IdParams,
        body: LinkIssueInput,
        response: { 200: IssueLink, 201: IssueLink },
      },
    },
    async (request, reply) => {
      const { issueId, issueNumber } = request.body;
      const to = issueId !== undefined ? { relatedId: issueId } : { relatedNumber: issueNumber ?? '' };
      const link = await linkIssues(deps, actorOf(request), { issueId: request.params.id, ...to });
      return reply.status(link.created ? 201 : 200).send(link);
    },
  );

  app.delete(
    '/api/v1/issues/:id/related/:relatedId',
    {
      schema: {
        tags: ['issue actions'],
        operationId: 'unlinkRelatedIssue',
        summary: '取消关联: remove the link between two issues',
        description: `Goes on both issues' ledgers as \`unlinkRelated\`; removing a link that is not there changes nothing. ${WHO}`,
        params: IdParams.extend({ relatedId: Id }),
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await unlinkIssues(deps, actorOf(request), { issueId: request.params.id, relatedId: request.params.relatedId });
      return reply.status(204).send();
    },
  );
};
