import { z } from 'zod';
import { Day, Limit, Time } from './common.ts';

const Measure = z
  .enum(['workingDays', 'workingTime', 'elapsed'])
  .meta({ description: 'workingDays: whole working days after the start day; workingTime: working milliseconds inside working periods; elapsed: wall-clock milliseconds' });

/** One Shanghai day on the way to a due time, counted or skipped, and why. */
export const ExplainedDay = z
  .object({
    date: Day,
    kind: z.enum(['workday', 'weekend', 'holiday', 'makeup_workday']).meta({ description: 'weekend (周末), holiday (法定节假日, named), makeup_workday (调休上班, worked), workday' }),
    name: z.string().optional().meta({ description: "The holiday's Chinese name (for a make-up workday, the holiday it makes up for)" }),
    declared: z.boolean().meta({ description: 'An operator declared this day (`calendar_days`), over the built-in calendar' }),
    counted: z.boolean().meta({ description: 'The day counted: a working day after the start day, or one with working time in the span' }),
    workingMs: z.number().int().meta({ description: 'For working time: the working milliseconds this day gave (0 for working days)' }),
  })
  .meta({ id: 'ExplainedDay' });

export const ClockExplainStep = z
  .object({
    type: z.enum(['limit', 'extension', 'pause', 'assistMargin', 'chosen', 'planned']).meta({
      description:
        'limit: the rule from the start; extension: an approved 延期; pause: working time added back after a pause; assistMargin: the lead unit due time less the margin; chosen: a due time the dispatcher chose; planned: a milestone as planned',
    }),
    at: Time.meta({ description: 'When it happened: the start, the approval, the resume' }),
    by: z.string().nullable().meta({ description: 'Who: the leader who approved, the dispatcher who chose; null for the rule itself' }),
    amount: Limit.nullable(),
    pause: z
      .object({
        from: Time,
        to: Time.nullable().meta({ description: 'Null while the pause lasts: nothing is added back yet' }),
        reason: z.string().nullable(),
        spanMs: z.number().int().meta({ description: 'The time paused, in the limit’s measure' }),
        creditMs: z.number().int().meta({ description: 'What was added back (at most what was left of the pause allowance)' }),
      })
      .nullable(),
    dueBefore: Time.nullable(),
    dueAfter: Time,
    measure: Measure.nullable(),
    counted: z.number().int().meta({ description: 'Working days counted, or milliseconds (working or elapsed) added' }),
    days: z.array(ExplainedDay),
  })
  .meta({ id: 'ClockExplainStep' });

const Span = z.object({ measure: Measure, from: Time, to: Time, counted: z.number().int(), days: z.array(ExplainedDay) });

export const ClockWhatIf = z
  .object({
    extension: z
      .object({
        amount: Limit,
        dueAt: Time.meta({ description: 'The due time an approval of this amount would give' }),
        span: Span,
        refusal: z.string().nullable().meta({ description: 'The code the request would be refused with (issue.extension_too_long, issue.extensions_exhausted, issue.extension_after_due), or null' }),
        maxExtension: Limit,
        extensionsLeft: z.number().int(),
      })
      .nullable(),
    pause: z
      .object({
        from: Time,
        refusal: z.string().nullable().meta({ description: 'The code a pause now would be refused with (issue.pause_after_due, issue.wrong_state), or null' }),
        leftMs: z.number().int().meta({ description: 'What is left of the limit now, in its measure: a resume at T makes the due time T plus this' }),
        allowanceLeftMs: z.number().int().meta({ description: 'What is left of the pause allowance (maxPause)' }),
        resumesBy: Time.meta({ description: 'When handling resumes by itself if the enterprise has not answered' }),
        dueAtIfResumedBy: Time.meta({ description: 'The due time after a pause lasting until resumesBy: the latest a pause now can make it' }),
        span: Span,
      })
      .nullable(),
  })
  .meta({ id: 'ClockWhatIf', description: 'What an extension or a pause from now would do to the due time; nothing is changed' });

export const ClockExplanation = z
  .object({
    issueId: z.string(),
    kind: z.enum(['listing', 'claim', 'handling', 'supplement', 'rating', 'assist', 'milestone', 'report']),
    subject: z.string().meta({ description: 'The assisting unit or milestone the clock runs for; empty for the issue’s own clocks' }),
    status: z.enum(['running', 'paused', 'stopped']),
    storedDueAt: Time.meta({ description: 'The due time the clock holds' }),
    dueAt: Time.meta({ description: 'The due time the explanation arrives at' }),
    agrees: z.boolean().meta({ description: 'dueAt equals storedDueAt: false only when the rules changed after a clock stopped' }),
    rule: z.object({
      categoryCode: z.string(),
      categoryName: z.string(),
      limit: Limit.nullable(),
      source: z.enum(['category', 'dispatcher', 'green_channel', 'chosen', 'planned']).meta({ description: 'Who set the limit' }),
      greenChannel: z.boolean(),
      setBy: z.string().nullable().meta({ description: 'The dispatcher who chose the limit or the due time, when one did' }),
      margin: Limit.nullable().meta({ description: "An assisting unit's margin before the lead's due time" }),
    }),
    start: z.object({ event: z.string(), seq: z.number().int(), at: Time }).nullable().meta({ description: 'The ledger event the clock started at' }),
    steps: z.array(ClockExplainStep),
    provisional: z.boolean().meta({ description: 'Counted through a year whose holidays are not declared: the due time may still move' }),
    undeclaredYears: z.array(z.number().int()),
    whatIf: ClockWhatIf.nullable(),
  })
  .meta({ id: 'ClockExplanation', description: 'How a clock got its due time: the rule, the start, every day counted or skipped, each pause and extension' });
