import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TimeLimit } from '@huiyin/calendar';
import { ClockExplanation, Id } from '@huiyin/contract';
import { explainClock, type EngineDeps } from '@huiyin/engine';
import { actorOf } from '../auth/authenticate.ts';

const EXTEND_BY = /^([1-9]\d{0,3})(workingDays|workingHours|hours|minutes|seconds)$/;

const Params = z.object({ id: Id, kind: z.enum(['listing', 'claim', 'handling', 'assist', 'supplement', 'rating', 'milestone']) });
const Query = z.object({
  subject: Id.optional().meta({ description: 'For an assist or milestone clock: the assisting unit or the milestone (default: the latest started)' }),
  extendBy: z
    .string()
    .regex(EXTEND_BY, 'an amount from 1 to 9999 and a unit, e.g. 3workingDays, 4workingHours, 2hours')
    .optional()
    .meta({ description: 'What-if: the due time an extension of this much would give (`3workingDays`, `4workingHours`, `2hours`); handling only' }),
  pauseFrom: z.enum(['now']).optional().meta({ description: 'What-if: what a pause starting now would do (how much is left, when it resumes by itself); handling only' }),
});

/** `3workingDays` → { amount: 3, unit: 'workingDays' }; the schema has checked the shape. */
function limitOf(text: string | undefined): TimeLimit | undefined {
  const m = text === undefined ? null : EXTEND_BY.exec(text);
  return m ? { amount: Number(m[1]), unit: m[2] as TimeLimit['unit'] } : undefined;
}

export const clockExplainRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  app.get(
    '/api/v1/issues/:id/clocks/:kind/explain',
    {
      schema: {
        tags: ['issues'],
        operationId: 'explainClock',
        summary: 'How a due time was counted: the rule, the start, each day counted or skipped, pauses and extensions; what-if an extension or a pause',
        description:
          "Whoever may see the issue, as `listIssues` scopes it; anyone else gets `404 issue.not_found`. Replays the issue's ledger under the rules in force: the limit and who set it, the event the clock started at, every day counted or skipped (weekend, named holiday, make-up workday worked, operator-declared days marked), each pause with the working time added back, each approved extension with the leader who approved it, and whether a year counted through is undeclared (provisional). `extendBy` and `pauseFrom=now` add the due time an extension or a pause from now would give, naming the refusal the command would give; nothing is changed. Refused: `404 clock.not_found` (the issue has no such clock), `400 validation.invalid` (a what-if on a clock other than handling).",
        params: Params,
        querystring: Query,
        response: { 200: ClockExplanation },
      },
    },
    async (request) =>
      explainClock(deps, actorOf(request), {
        issueId: request.params.id,
        kind: request.params.kind,
        subject: request.query.subject,
        whatIf: request.query.extendBy || request.query.pauseFrom ? { extendBy: limitOf(request.query.extendBy), pauseFrom: request.query.pauseFrom } : undefined,
      }),
  );
};
