import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CategoryChanged, Id, UpdateCategoryInput } from '@huiyin/contract';
import { changeCategoryPolicy, type EngineDeps } from '@huiyin/engine';
import { officialWith } from '../auth/authenticate.ts';
import { forRequest } from '../request-deps.ts';

const IdParams = z.object({ id: Id });

/** A category's time-limit policy (admin); running clocks follow a change at once. */
export const categoryRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  app.patch(
    '/api/v1/categories/:id',
    {
      schema: {
        tags: ['reference'],
        operationId: 'changeCategoryPolicy',
        summary: "Change a category's limits or track policy (admin)",
        description:
          "New listing, claim, handling, supplement or rating limits (or assist margin) recompute the due times of the category's running clocks (one `recomputeDue` event per issue that moves; an issue with a dispatcher-chosen limit keeps its handling limit); a new track policy re-schedules their next steps. Bounds (maxExtension, maxExtensions, maxPause, milestonesRequiredFrom) apply from the next request. Steps already fired and results already recorded stay as they were. Every change is recorded (GET /api/v1/audit/policy-changes). Answers with the category and the counts.",
        params: IdParams,
        body: UpdateCategoryInput,
        response: { 200: CategoryChanged },
      },
    },
    async (request) => {
      const actor = officialWith(request, 'admin');
      const changed = await changeCategoryPolicy(forRequest(deps, request), { categoryId: request.params.id, change: request.body, accountId: actor.accountId });
      return { category: changed.category, recompute: changed.recompute, rescheduled: changed.rescheduled };
    },
  );
};
