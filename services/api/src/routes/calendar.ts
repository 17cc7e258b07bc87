import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { shanghaiMinute, type TimeLimit } from '@huiyin/calendar';
import {
  CalendarDate,
  CalendarDay,
  CalendarDayWithdrawn,
  CalendarDaysDeclared,
  CalendarDue,
  CalendarStatus,
  DaysQuery,
  DueQuery,
  PolicyChange,
  SaveCalendarDaysInput,
  listOf,
  pageOf,
} from '@huiyin/contract';
import { DomainError } from '@huiyin/domain';
import { calendarStatus, declareCalendarDays, listPolicyChanges, withdrawCalendarDay, type EngineDeps } from '@huiyin/engine';
import { z } from 'zod';
import { actorOf, officialWith } from '../auth/authenticate.ts';
import { forRequest } from '../request-deps.ts';

export type CalendarRouteDeps = EngineDeps & {
  /** Rebuilds `calendar` from `calendar_days`; without it, declared days apply from the next start. */
  refreshCalendar?: (() => Promise<void>) | undefined;
};

function limitOf({ workingDays, workingHours }: DueQuery): TimeLimit {
  if (workingDays !== undefined) return { amount: workingDays, unit: 'workingDays' };
  if (workingHours !== undefined) return { amount: workingHours, unit: 'workingHours' };
  throw new DomainError('validation.required', 'give workingDays or workingHours', { field: 'querystring.workingDays' });
}

/** The working-day calendar: due times, day kinds, and the days operators declare (admin). */
export const calendarRoutes: FastifyPluginAsyncZod<{ deps: CalendarRouteDeps }> = async (app, { deps }) => {
  app.get(
    '/api/v1/calendar/due',
    {
      schema: {
        tags: ['calendar'],
        operationId: 'computeDue',
        summary: 'When a limit of N working days or working hours started at `from` is due',
        description:
          'Any signed-in account; the arithmetic the clocks use. N working days fall due at the close of the Nth working day after the Shanghai date of `from` (that day never counts); working hours count only the working periods of working days (WORKING_PERIODS, by default 09:00–12:00 and 13:30–17:30 Shanghai time). `provisional` and `undeclaredYears` say whether the count runs through a year whose holidays nobody has declared yet.',
        querystring: DueQuery,
        response: { 200: CalendarDue },
      },
    },
    async (request) => {
      actorOf(request);
      const from = new Date(request.query.from);
      const limit = limitOf(request.query);
      let dueAt: Date;
      try {
        dueAt = deps.calendar.addLimit(from, limit);
      } catch (e) {
        // Only a result beyond the range of Date gets here: the query was validated.
        if (e instanceof RangeError) throw new DomainError('validation.invalid', e.message, { field: 'querystring.from' });
        throw e;
      }
      // Counted through a year nobody has declared holidays for: the due time may still move.
      const undeclaredYears = deps.calendar.undeclaredYears(from, dueAt);
      return { from: from.toISOString(), dueAt: dueAt.toISOString(), dueAtShanghai: shanghaiMinute(dueAt), limit, provisional: undeclaredYears.length > 0, undeclaredYears };
    },
  );

  app.get(
    '/api/v1/calendar/days',
    {
      schema: {
        tags: ['calendar'],
        operationId: 'listCalendarDays',
        summary: 'The kind of each date from `from` to `to` (at most 366 days): workday, weekend, holiday, makeup_workday',
        description:
          "Any signed-in account. The built-in holiday data (chinese-days) with the days admins declared laid over it; outside the built-in years only weekends and declared days count. `declared` marks a day an admin declared (the console's 工作日历 offers to withdraw it).",
        querystring: DaysQuery,
        response: { 200: listOf(CalendarDay) },
      },
    },
    async (request) => {
      actorOf(request);
      return { items: deps.calendar.days(request.query.from, request.query.to) };
    },
  );

  app.post(
    '/api/v1/calendar/days',
    {
      schema: {
        tags: ['calendar'],
        operationId: 'declareCalendarDays',
        summary: 'Declare holidays and make-up workdays (admin); running clocks are recomputed with them',
        description: 'Answers with the number of days written and, once the calendar is refreshed, how many open issues had their due times moved (one `recomputeDue` event each), kept, or skipped.',
        body: SaveCalendarDaysInput,
        response: { 201: CalendarDaysDeclared },
      },
    },
    async (request, reply) => {
      const actor = officialWith(request, 'admin');
      const { count, recompute } = await declareCalendarDays(forRequest(deps, request), { days: request.body.days, source: { source: request.body.source, accountId: actor.accountId } });
      return reply.status(201).send({ count, recompute });
    },
  );

  app.delete(
    '/api/v1/calendar/days/:date',
    {
      schema: {
        tags: ['calendar'],
        operationId: 'withdrawCalendarDay',
        summary: 'Withdraw a declared day (admin): the date is again as the built-in calendar has it; running clocks are recomputed',
        description: 'Recorded with who withdrew it and what it was (`GET /api/v1/audit/policy-changes`). 404 when the date has no declaration.',
        params: z.object({ date: CalendarDate }),
        response: { 200: CalendarDayWithdrawn },
      },
    },
    async (request) => {
      const actor = officialWith(request, 'admin');
      return withdrawCalendarDay(forRequest(deps, request), { date: request.params.date, accountId: actor.accountId });
    },
  );
  app.get(
    '/api/v1/audit/policy-changes',
    {
      schema: {
        tags: ['calendar'],
        operationId: 'listPolicyChanges',
        summary: 'Who changed a time-limit rule (category policy, declared calendar day), with the old and new values, newest first (admin)',
        description:
          "Admin only. Each entry names the category's id or the date and holds only the fields that changed; for a day, `before` null means it was not declared and `after` null that it was withdrawn. `by` is null for a change without an account (the CLI's calendar import). Paged by `cursor` (the last entry's id); `limit` 1 to 200, 50 by default.",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(20).optional() }),
        response: { 200: pageOf(PolicyChange) },
      },
    },
    async (request) => {
      officialWith(request, 'admin');
      return listPolicyChanges(deps.db, request.query);
    },
  );
  app.get(
    '/api/v1/calendar/status',
    {
      schema: {
        tags: ['calendar'],
        operationId: 'getCalendarStatus',
        summary: "Whether next year's holidays are declared; from 1 November an undeclared next year is a warning (the console's banner for admins)",
        description: 'Any signed-in account. Until next year is declared, every due time counted into it is provisional. While `warn` holds, the worker also mails the admins, once a year.',
        response: { 200: CalendarStatus },
      },
    },
    async (request) => {
      actorOf(request);
      return calendarStatus(deps.calendar, deps.clock());
    },
  );
};
