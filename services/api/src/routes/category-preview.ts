import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CategoryPolicyPreview, Id, UpdateCategoryInput } from '@huiyin/contract';
import { previewCategoryPolicy } from '@huiyin/engine';
import type { Db } from '@huiyin/store';
import { officialWith } from '../auth/authenticate.ts';

/** What a category policy change would move, asked before it is saved (admin). */
export const categoryPreviewRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.post(
    '/api/v1/categories/:id/preview',
    {
      schema: {
        tags: ['reference'],
        operationId: 'previewCategoryPolicy',
        summary: 'How many open clocks a policy change would move (admin)',
        description:
          "Admin only; writes nothing. Takes the body `PATCH /api/v1/categories/{id}` would take and answers how many of the category's running or paused clocks would have their due times recomputed, by kind, the open issues they belong to, and how many running clocks a new track policy would re-schedule. A handling clock under a dispatcher-chosen limit, and the claim and handling clocks of an issue on the green channel in an ordinary category, keep theirs and are not counted. An upper bound: a clock whose new due time comes out the same is counted. An unknown category is `404 category.not_found`.",
        params: z.object({ id: Id }),
        body: UpdateCategoryInput,
        response: { 200: CategoryPolicyPreview },
      },
    },
    async (request) => {
      officialWith(request, 'admin');
      return previewCategoryPolicy(db, request.params.id, request.body);
    },
  );
};
