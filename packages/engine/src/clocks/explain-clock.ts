import { sql } from 'kysely';
import type { TimeLimit, WorkingCalendar } from '@huiyin/calendar';
import { type Actor, type AnyClockKind, DEFAULT_ASSIST_MARGIN, DomainError, handlingLimitOf, isPlainTime, listingLimitOf } from '@huiyin/domain';
import { type Db, visibleTo } from '@huiyin/store';
import { assistDueBefore } from './assist-due.ts';
import { type CountedSpan, type ExplainedDay, explainLimit, moveBy } from './explain-span.ts';
import { limitsFor } from './policy.ts';
import { explainWhatIf, type WhatIf, type WhatIfAnswer } from './explain-what-if.ts';

/** Where a clock's limit comes from: the category, the dispatcher, the green channel, a due time the dispatcher chose, a planned milestone. */
type LimitSource = 'category' | 'dispatcher' | 'green_channel' | 'chosen' | 'planned';

/** One move of the due time: the limit from the start, an approved extension, a pause credited back, an assisting unit's margin. */
export type ExplainStep = {
  type: 'limit' | 'extension' | 'pause' | 'assistMargin' | 'chosen' | 'planned';
  at: Date;
  /** Who did it: the leader who approved, the dispatcher who chose; null for the rule itself. */
  by: string | null;
  amount: TimeLimit | null;
  pause: { from: Date; to: Date | null; reason: string | null; spanMs: number; creditMs: number } | null;
  dueBefore: Date | null;
  dueAfter: Date;
  measure: CountedSpan['measure'] | null;
  counted: number;
  days: ExplainedDay[];
};

export type ClockExplanation = {
  issueId: string;
  kind: AnyClockKind;
  subject: string;
  status: 'running' | 'paused' | 'stopped';
  storedDueAt: Date;
  dueAt: Date;
  /** The rules as they stand give back the stored due time (a stopped clock keeps the one it ran to). */
  agrees: boolean;
  rule: { categoryCode: string; categoryName: string; limit: TimeLimit | null; source: LimitSource; greenChannel: boolean; setBy: string | null; margin: TimeLimit | null };
  start: { event: string; seq: number; at: Date } | null;
  steps: ExplainStep[];
  provisional: boolean;
  undeclaredYears: number[];
  whatIf: WhatIfAnswer | null;
};

type Event = { seq: number; type: string; at: Date; payload: Record<string, unknown>; state_after: string; actor: Actor };
const RATING_STARTS = ['reviewAnswer', 'signOff', 'ratingTimeout'];

/**
 * How one of an issue's clocks got its due time (docs/domain.md#clocks), replayed from the ledger
 * as `dueTimesByRule` replays it, with every day counted or skipped and why; and, asked for, what
 * an extension or a pause from now would make of it, changing nothing. Whoever may not see the
 * issue gets `issue.not_found`; a clock the issue does not have, `clock.not_found`.
 */
export async function explainClock(
  deps: { db: Db; calendar: WorkingCalendar; clock: () => Date },
  actor: Actor,
  input: { issueId: string; kind: AnyClockKind; subject?: string | undefined; whatIf?: WhatIf | undefined },
): Promise<ClockExplanation> {
  const { db, calendar } = deps;
  const issue = await db.selectFrom('issues').selectAll('issues').where('issues.id', '=', input.issueId).where(visibleTo(actor)).executeTakeFirst();
  if (!issue) throw new DomainError('issue.not_found', 'no such issue');
  const clock = await db
    .selectFrom('clocks')
    .select(['kind', 'subject', 'status', 'due_at', 'paused_at', 'paused_ms'])
    .where('issue_id', '=', issue.id)
    .where('kind', '=', input.kind)
    .$if(input.subject !== undefined, (q) => q.where('subject', '=', input.subject ?? ''))
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!clock) throw new DomainError('clock.not_found', `this issue has no ${input.kind} clock${input.subject ? ` for ${input.subject}` : ''}`, { field: 'params.kind' });
  const events: Event[] = (await db.selectFrom('issue_events').select(['seq', 'type', 'at', 'payload', 'state_after', 'actor']).where('issue_id', '=', issue.id).orderBy('seq').execute()).map((e) => ({
    ...e,
    payload: (e.payload ?? {}) as Record<string, unknown>,
    actor: e.actor as Actor,
  }));
  const own = await db
    .selectFrom('categories')
    .select(['code', 'name', 'green_channel', 'claim_limit', 'handling_limit', 'rating_limit', 'supplement_limit', 'assist_margin', 'listing_limit'])
    .where('id', '=', issue.category_id)
    .executeTakeFirstOrThrow();
  const dispatched = events.findLast((e) => e.type === 'dispatch');
  const current = dispatched === undefined || 'assists' in dispatched.payload;
  const category = current ? await limitsFor(db, own, issue.green_channel) : own;
  const names = await officialNames(db, events);
  const nameOf = (e: Event | undefined) => (e?.actor.kind === 'official' ? (names.get(e.actor.officialId) ?? null) : null);
  const handlingLimit = handlingLimitOf(issue, category.handling_limit);
  const handlingSource: LimitSource = issue.time_limit ? 'dispatcher' : issue.green_channel && !own.green_channel ? 'green_channel' : 'category';
  const listed = events.findLast((e) => e.type === 'list');
  const fresh = events.findLastIndex((e) => e.type === 'dispatch' || (e.type === 'ruleReturn' && e.payload['upheld'] === true) || (e.type === 'rate' && e.state_after === 'reopened'));
  const rule = (limit: TimeLimit | null, source: LimitSource, setBy: string | null = null, margin: TimeLimit | null = null) => ({
    categoryCode: own.code,
    categoryName: own.name,
    limit,
    source,
    greenChannel: issue.green_channel || own.green_channel,
    setBy,
    margin,
  });

  let plan: { rule: ClockExplanation['rule']; start: Event | undefined; steps: ExplainStep[] };
  switch (clock.kind) {
    case 'listing': {
      const limit = listingLimitOf(own, own.green_channel);
      const start = events.find((e) => e.type === 'file');
      plan = { rule: rule(limit, 'category'), start, steps: start ? [limitStep(calendar, start.at, limit)] : [] };
      break;
    }
    case 'claim': {
      const start = events[fresh];
      const source: LimitSource = issue.green_channel && !own.green_channel && current ? 'green_channel' : 'category';
      plan = { rule: rule(category.claim_limit, source), start, steps: start ? [limitStep(calendar, start.at, category.claim_limit)] : [] };
      break;
    }
    case 'handling': {
      const start = events[fresh];
      const steps = start ? await handlingSteps(db, calendar, issue.id, events.slice(fresh + 1), start.at, handlingLimit, names) : [];
      plan = { rule: rule(handlingLimit, handlingSource, handlingSource === 'dispatcher' ? nameOf(listed) : null), start, steps };
      break;
    }
    case 'rating': {
      const start = events.findLast((e) => RATING_STARTS.includes(e.type) && e.state_after === 'resolved');
      plan = { rule: rule(category.rating_limit, 'category'), start, steps: start ? [limitStep(calendar, start.at, category.rating_limit)] : [] };
      break;
    }
    case 'supplement': {
      plan = { rule: rule(category.supplement_limit, 'category'), start: listed, steps: listed ? [limitStep(calendar, listed.at, category.supplement_limit)] : [] };
      break;
    }
    case 'assist': {
      const chosen = ((dispatched?.payload['assists'] ?? []) as Array<{ unitId: string; dueAt: string; chosen: boolean }>).find((t) => t.unitId === clock.subject && t.chosen);
      const margin = own.assist_margin ?? DEFAULT_ASSIST_MARGIN;
      if (!dispatched) plan = { rule: rule(null, 'category'), start: undefined, steps: [] };
      else if (chosen) {
        plan = { rule: rule(null, 'chosen', nameOf(dispatched)), start: dispatched, steps: [fixedStep('chosen', dispatched.at, nameOf(dispatched), new Date(chosen.dueAt))] };
      } else if (!current && listed) {
        plan = { rule: rule(handlingLimit, handlingSource), start: listed, steps: [limitStep(calendar, listed.at, handlingLimit)] };
      } else {
        const lead = limitStep(calendar, dispatched.at, handlingLimit);
        const due = assistDueBefore(calendar, dispatched.at, lead.dueAfter, margin, handlingLimit);
        const back: ExplainStep = { ...fixedStep('assistMargin', dispatched.at, null, due), amount: margin, dueBefore: lead.dueAfter };
        plan = { rule: rule(handlingLimit, handlingSource, null, margin), start: dispatched, steps: [lead, back] };
      }
      break;
    }
    default: {
      const m = await db.selectFrom('milestones').select(['due_at', 'title']).where('id', '=', clock.subject).executeTakeFirst();
      const planned = listed ?? dispatched;
      plan = { rule: rule(null, 'planned', nameOf(planned)), start: planned, steps: m ? [fixedStep('planned', planned?.at ?? m.due_at, nameOf(planned), m.due_at)] : [] };
    }
  }
  const dueAt = plan.steps.at(-1)?.dueAfter ?? clock.due_at;
  const startAt = plan.start?.at ?? clock.due_at;
  const undeclaredYears = calendar.undeclaredYears(startAt < dueAt ? startAt : dueAt, dueAt);
  const whatIf = input.whatIf ? await explainWhatIf(db, calendar, deps.clock(), { issue, clock, handlingLimit }, input.whatIf) : null;
  await markDeclared(db, [...plan.steps.map((s) => s.days), whatIf?.extension?.span.days ?? [], whatIf?.pause?.span.days ?? []]);
  return {
    issueId: issue.id,
    kind: clock.kind,
    subject: clock.subject,
    status: clock.status,
    storedDueAt: clock.due_at,
    dueAt,
    agrees: dueAt.getTime() === clock.due_at.getTime(),
    rule: plan.rule,
    start: plan.start ? { event: plan.start.type, seq: plan.start.seq, at: plan.start.at } : null,
    steps: plan.steps,
    provisional: undeclaredYears.length > 0,
    undeclaredYears,
    whatIf,
  };
}

/** The handling limit from its start, then in ledger order each approved extension and each pause credited back. */
async function handlingSteps(db: Db, calendar: WorkingCalendar, issueId: string, after: Event[], from: Date, limit: TimeLimit, names: Map<string, string>): Promise<ExplainStep[]> {
  const extensions = await db.selectFrom('extensions').select(['id', 'amount', 'decided_by']).where('issue_id', '=', issueId).where('decision', '=', 'approved').execute();
  const approvers = new Map(extensions.map((x) => [x.id, x]));
  const plain = isPlainTime(limit);
  const steps = [limitStep(calendar, from, limit)];
  let due = steps[0]?.dueAfter ?? from;
  let paused: Event | null = null;
  for (const e of after) {
    if (e.type === 'approveExtension') {
      const x = approvers.get(String(e.payload['extensionId']));
      if (!x) continue;
      const step = { ...limitStep(calendar, due, x.amount), type: 'extension' as const, at: e.at, by: (x.decided_by && names.get(x.decided_by)) || null, dueBefore: due };
      steps.push(step);
      due = step.dueAfter;
    } else if (e.type === 'requestInfo') {
      paused = e;
    } else if ((e.type === 'supplyInfo' || e.type === 'resumeHandling') && paused) {
      const spanMs = plain ? e.at.getTime() - paused.at.getTime() : calendar.workingMsBetween(paused.at, e.at);
      const recorded = e.payload['pausedMs'];
      const creditMs = typeof recorded === 'number' ? recorded : spanMs;
      const span = moveBy(calendar, due, creditMs, plain);
      steps.push(spanStep('pause', e.at, null, null, due, span, { from: paused.at, to: e.at, reason: reasonOf(paused), spanMs, creditMs }));
      due = span.to;
      paused = null;
    }
  }
  // A pause still open adds nothing yet: its resume will.
  if (paused) steps.push({ ...fixedStep('pause', paused.at, null, due), dueBefore: due, pause: { from: paused.at, to: null, reason: reasonOf(paused), spanMs: 0, creditMs: 0 } });
  return steps;
}

const reasonOf = (e: Event) => (typeof e.payload['pauseReason'] === 'string' ? e.payload['pauseReason'] : null);

function limitStep(calendar: WorkingCalendar, from: Date, limit: TimeLimit): ExplainStep {
  return spanStep('limit', from, null, limit, null, explainLimit(calendar, from, limit), null);
}

function spanStep(type: ExplainStep['type'], at: Date, by: string | null, amount: TimeLimit | null, dueBefore: Date | null, span: CountedSpan, pause: ExplainStep['pause']): ExplainStep {
  return { type, at, by, amount, pause, dueBefore, dueAfter: span.to, measure: span.measure, counted: span.counted, days: span.days };
}

function fixedStep(type: ExplainStep['type'], at: Date, by: string | null, due: Date): ExplainStep {
  return { type, at, by, amount: null, pause: null, dueBefore: null, dueAfter: due, measure: null, counted: 0, days: [] };
}

/** Marks the days an operator declared (`calendar_days`), which win over the built-in data. */
async function markDeclared(db: Db, lists: ExplainedDay[][]): Promise<void> {
  const dates = [...new Set(lists.flatMap((days) => days.filter((d) => d.kind === 'holiday' || d.kind === 'makeup_workday').map((d) => d.date)))];
  if (dates.length === 0) return;
  const rows = await db.selectFrom('calendar_days').select(sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date')).where(sql<boolean>`date = any(${dates}::date[])`).execute();
  const declared = new Set(rows.map((r) => r.date));
  for (const days of lists) for (const d of days) d.declared = declared.has(d.date);
}

/** The officials who acted in the ledger (a leader approving an extension among them), by id. */
async function officialNames(db: Db, events: Event[]): Promise<Map<string, string>> {
  const ids = new Set(events.flatMap((e) => (e.actor.kind === 'official' ? [e.actor.officialId] : [])));
  if (ids.size === 0) return new Map();
  const rows = await db
    .selectFrom('officials')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
