import type { TimeLimit, WorkingCalendar } from '@huiyin/calendar';
import { DomainError, type ErrorCode, isPlainTime } from '@huiyin/domain';
import type { Db, IssueRow } from '@huiyin/store';
import { type CountedSpan, explainLimit, moveBy } from './explain-span.ts';
import { limitBoundsOf } from './policy.ts';

/** What the caller asks about: an extension by `extendBy`, a pause starting now. */
export type WhatIf = { extendBy?: TimeLimit | undefined; pauseFrom?: 'now' | undefined };

export type WhatIfAnswer = {
  extension: { amount: TimeLimit; dueAt: Date; span: CountedSpan; refusal: ErrorCode | null; maxExtension: TimeLimit; extensionsLeft: number } | null;
  pause: {
    from: Date;
    refusal: ErrorCode | null;
    /** What is left of the limit at `from`, in its measure (working or wall milliseconds): a resume at T makes the due time T plus this. */
    leftMs: number;
    /** What is left of the pause allowance (`maxPause` less the credit already taken). */
    allowanceLeftMs: number;
    /** When the engine resumes by itself, if the enterprise has not answered. */
    resumesBy: Date;
    /** The due time after a pause that lasts until `resumesBy`: the latest this pause can make it. */
    dueAtIfResumedBy: Date;
    span: CountedSpan;
  } | null;
};

type Subject = { issue: IssueRow; clock: { kind: string; status: string; due_at: Date; paused_ms: string }; handlingLimit: TimeLimit };

/**
 * The due time an extension or a pause would give the handling clock, by the rules the commands
 * apply (`approveExtension`, `requestInfo` then a resume), writing nothing. A refusal the command
 * would give is named, not thrown: the answer is what the rules say. Only the handling clock is
 * extended or paused: any other is `validation.invalid` naming the parameter (`querystring.extendBy`).
 */
export async function explainWhatIf(db: Db, calendar: WorkingCalendar, now: Date, subject: Subject, ask: WhatIf): Promise<WhatIfAnswer> {
  const { issue, clock, handlingLimit } = subject;
  for (const field of ['extendBy', 'pauseFrom'] as const) {
    if (ask[field] !== undefined && clock.kind !== 'handling') throw new DomainError('validation.invalid', 'only the handling clock is extended or paused', { field: `querystring.${field}` });
  }
  const bounds = await limitBoundsOf(db, issue);
  const due = clock.due_at;
  const open = clock.status !== 'stopped';
  const out: WhatIfAnswer = { extension: null, pause: null };
  if (ask.extendBy) {
    const granted = await db
      .selectFrom('extensions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('issue_id', '=', issue.id)
      .where('decision', '=', 'approved')
      .executeTakeFirstOrThrow();
    const left = Math.max(0, bounds.maxExtensions - Number(granted.n));
    const refusal: ErrorCode | null = !open
      ? 'issue.wrong_state'
      : now > due
        ? 'issue.extension_after_due'
        : left === 0
          ? 'issue.extensions_exhausted'
          : calendar.addLimit(due, ask.extendBy) > calendar.addLimit(due, bounds.maxExtension)
            ? 'issue.extension_too_long'
            : null;
    const span = spanOrRefuse(() => explainLimit(calendar, due, ask.extendBy as TimeLimit));
    out.extension = { amount: ask.extendBy, dueAt: span.to, span, refusal, maxExtension: bounds.maxExtension, extensionsLeft: left };
  }
  if (ask.pauseFrom === 'now') {
    const plain = isPlainTime(handlingLimit);
    const end = calendar.addLimit(now, bounds.maxPause);
    const allowance = plain ? end.getTime() - now.getTime() : calendar.workingMsBetween(now, end);
    const credited = await db
      .selectFrom('clocks')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('paused_ms'), eb.val('0')).as('ms'))
      .where('issue_id', '=', issue.id)
      .where('kind', '=', 'handling')
      .executeTakeFirst();
    const allowanceLeftMs = Math.max(0, allowance - Number(credited?.ms ?? 0));
    const refusal: ErrorCode | null = clock.status !== 'running' ? 'issue.wrong_state' : now > due ? 'issue.pause_after_due' : null;
    const leftMs = plain ? Math.max(0, due.getTime() - now.getTime()) : calendar.workingMsBetween(now, due);
    const resumesBy = plain ? new Date(now.getTime() + allowanceLeftMs) : calendar.addWorkingMs(now, allowanceLeftMs);
    // The resume credits the working time paused, at most the allowance left: all of it by `resumesBy`.
    const span = moveBy(calendar, due, allowanceLeftMs, plain);
    out.pause = { from: now, refusal, leftMs, allowanceLeftMs, resumesBy, dueAtIfResumedBy: span.to, span };
  }
  return out;
}

/** A what-if that would run past the calendar's last date (2099) is the caller's amount at fault, not a 500. */
function spanOrRefuse(count: () => CountedSpan): CountedSpan {
  try {
    return count();
  } catch (e) {
    if (e instanceof RangeError) throw new DomainError('validation.invalid', 'extendBy runs past the last date the calendar knows', { field: 'querystring.extendBy' });
    throw e;
  }
}
