import { sql } from 'kysely';
import type { Db } from '@huiyin/store';

/** One step that fell due in the period: a claim (签收) or an answer (办结) of one issue by one unit. */
export type Obligation = {
  issueId: string;
  unitId: string | null;
  leaderId: string | null;
  dueAt: Date;
  /** When it was done; null while it is still undone (and already past its due time). */
  doneAt: Date | null;
  onTime: boolean;
};
/** Something that happened in the period, with the unit and leader it counts for. */
export type Happening = { issueId: string; unitId: string | null; leaderId: string | null; at: Date };
export type RatingFact = Happening & { satisfaction: string };
export type ReturnFact = Happening & { upheld: boolean | null };
export type TrackFact = Happening & { clock: string; step: 'red' | 'leader' | 'supervision' };
export type IssueRef = { id: string; number: string; title: string; enterpriseName: string; leadUnitId: string | null; leaderId: string | null; state: string };
export type AppealFact = {
  id: string;
  issueId: string;
  unitId: string;
  reason: string;
  text: string;
  status: 'pending' | 'accepted' | 'rejected';
  filedAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
};

/**
 * Everything a period's scores are computed from, as of one instant. Frozen rows first: claims and
 * answers done come from `timeliness` (written once at the step, never rewritten), ratings from
 * `ratings`, red cards and escalations from the ledger. Only what has no frozen result yet — a
 * claim or answer still undone past its due time — is read from the running clocks.
 */
export type PeriodFacts = {
  start: Date;
  end: Date;
  asOf: Date;
  claims: Obligation[];
  answers: Obligation[];
  ratings: RatingFact[];
  returns: ReturnFact[];
  claimsDone: Happening[];
  answersDone: Happening[];
  filed: Happening[];
  closed: Happening[];
  track: TrackFact[];
  /** Accepted appeals decided by `asOf`: the issue is left out of that unit's scores. */
  exclusions: Array<{ appealId: string; issueId: string; unitId: string }>;
  /** Appeals filed or decided in the period, or on an issue it counts (as they stood at `asOf`). */
  appeals: AppealFact[];
  issues: Map<string, IssueRef>;
  units: Array<{ id: string; name: string }>;
  leaders: Array<{ id: string; name: string }>;
};

/** Reads the facts of [start, end) as they stood at `asOf` (normally: now). */
export async function loadPeriodFacts(db: Db, range: { start: Date; end: Date }, asOf: Date): Promise<PeriodFacts> {
  const { start, end } = range;
  // What is recorded after `asOf` is not known yet, and a step not due by then is not yet owed.
  const doneSteps = (what: 'claim' | 'answer') =>
    db
      .selectFrom('timeliness as t')
      .innerJoin('issues as i', 'i.id', 't.issue_id')
      .select(['t.issue_id as issueId', 't.unit_id as unitId', 'i.leader_id as leaderId', 't.due_at as dueAt', 't.done_at as doneAt', 't.on_time as onTime'])
      .where('t.what', '=', what)
      .where('t.due_at', '>=', start)
      .where('t.due_at', '<', end)
      .where('t.done_at', '<=', asOf)
      .execute();
  // Still undone past the due time: the clock is running (a paused handling clock owes nothing:
  // the enterprise does), and its due time is in the period and behind us.
  const undone = (kind: 'claim' | 'handling') =>
    db
      .selectFrom('clocks as c')
      .innerJoin('issues as i', 'i.id', 'c.issue_id')
      .select(['c.issue_id as issueId', 'i.lead_unit_id as unitId', 'i.leader_id as leaderId', 'c.due_at as dueAt'])
      .where('c.kind', '=', kind)
      .where('c.status', '=', 'running')
      .where('c.due_at', '>=', start)
      .where('c.due_at', '<', end)
      .where('c.due_at', '<', asOf)
      .execute();
  const stepsDone = (what: 'claim' | 'answer') =>
    db
      .selectFrom('timeliness as t')
      .innerJoin('issues as i', 'i.id', 't.issue_id')
      .select(['t.issue_id as issueId', 't.unit_id as unitId', 'i.leader_id as leaderId', 't.done_at as at'])
      .where('t.what', '=', what)
      .where('t.done_at', '>=', start)
      .where('t.done_at', '<', end)
      .where('t.done_at', '<=', asOf)
      .execute();
  const [claimsDoneOnTime, claimsUndone, answersDoneOnTime, answersUndone, claimsDone, answersDone] = await Promise.all([
    doneSteps('claim'),
    undone('claim'),
    doneSteps('answer'),
    undone('handling'),
    stepsDone('claim'),
    stepsDone('answer'),
  ]);
  const ratings = await db
    .selectFrom('ratings as r')
    .innerJoin('issues as i', 'i.id', 'r.issue_id')
    .select([
      'r.issue_id as issueId',
      'i.leader_id as leaderId',
      'r.rated_at as at',
      sql<string>`r.satisfaction`.as('satisfaction'),
      // The unit that gave the answer rated: the last answer sent before the rating.
      sql<string | null>`coalesce((select t.unit_id from timeliness t where t.issue_id = r.issue_id and t.what = 'answer' and t.done_at <= r.rated_at order by t.done_at desc limit 1), i.lead_unit_id)`.as('unitId'),
    ])
    .where('r.source', '=', 'enterprise')
    .where('r.satisfaction', 'is not', null)
    .where('r.rated_at', '>=', start)
    .where('r.rated_at', '<', end)
    .where('r.rated_at', '<=', asOf)
    .execute();
  const returns = await db
    .selectFrom('issue_returns as r')
    .innerJoin('issues as i', 'i.id', 'r.issue_id')
    // A ruling made after `asOf` was not known then.
    .select(['r.issue_id as issueId', 'r.unit_id as unitId', 'i.leader_id as leaderId', 'r.returned_at as at', sql<boolean | null>`case when r.ruled_at <= ${asOf} then r.upheld end`.as('upheld')])
    .where('r.returned_at', '>=', start)
    .where('r.returned_at', '<', end)
    .where('r.returned_at', '<=', asOf)
    .execute();
  const filed = await db
    .selectFrom('issues as i')
    .select(['i.id as issueId', 'i.lead_unit_id as unitId', 'i.leader_id as leaderId', 'i.filed_at as at'])
    .where('i.filed_at', '>=', start)
    .where('i.filed_at', '<', end)
    .where('i.filed_at', '<=', asOf)
    .execute();
  const closed = await db
    .selectFrom('issues as i')
    .select(['i.id as issueId', 'i.lead_unit_id as unitId', 'i.leader_id as leaderId', sql<Date>`i.closed_at`.as('at')])
    .where('i.state', '=', 'closed')
    .where('i.closed_at', '>=', start)
    .where('i.closed_at', '<', end)
    .where('i.closed_at', '<=', asOf)
    .execute();
  const track = await db
    .selectFrom('issue_events as e')
    .innerJoin('issues as i', 'i.id', 'e.issue_id')
    .select([
      'e.issue_id as issueId',
      'i.leader_id as leaderId',
      'e.at as at',
      sql<string>`e.payload->>'clock'`.as('clock'),
      sql<'red' | 'leader' | 'supervision'>`e.payload->>'step'`.as('step'),
      // An assisting unit's clock is that unit's; the others are the lead unit's.
      sql<string | null>`case when e.payload->>'clock' = 'assist' then nullif(e.payload->>'subject', '')::uuid else i.lead_unit_id end`.as('unitId'),
    ])
    .where('e.type', '=', 'trackStep')
    .where(sql<boolean>`e.payload->>'step' in ('red', 'leader', 'supervision')`)
    .where(sql<boolean>`e.payload->>'clock' in ('claim', 'handling', 'assist')`)
    .where('e.at', '>=', start)
    .where('e.at', '<', end)
    .where('e.at', '<=', asOf)
    .orderBy('e.at')
    .execute();
  const exclusions = await db
    .selectFrom('appeals')
    .select(['id as appealId', 'issue_id as issueId', 'unit_id as unitId'])
    .where('status', '=', 'accepted')
    .where('decided_at', '<=', asOf)
    .execute();
  const claims: Obligation[] = [...claimsDoneOnTime, ...claimsUndone.map((u) => ({ ...u, doneAt: null, onTime: false }))];
  const answers: Obligation[] = [...answersDoneOnTime, ...answersUndone.map((u) => ({ ...u, doneAt: null, onTime: false }))];
  const counted = [...new Set([...claims, ...answers, ...ratings, ...returns, ...track].map((x) => x.issueId))];
  // The appeals filed or decided in the period, and any on an issue the period counts (an
  // appeal decided later still changes the period's figures, and the bulletin says why).
  const appealRows = await db
    .selectFrom('appeals')
    .select(['id', 'issue_id as issueId', 'unit_id as unitId', 'reason', 'text', 'status', 'filed_at as filedAt', 'decided_at as decidedAt', 'decision_note as decisionNote'])
    .where('filed_at', '<=', asOf)
    .where((eb) =>
      eb.or([
        eb.and([eb('filed_at', '>=', start), eb('filed_at', '<', end)]),
        eb.and([eb('decided_at', '>=', start), eb('decided_at', '<', end)]),
        // One array parameter, not one per id: a period of a big district counts tens of thousands.
        ...(counted.length ? [eb('issue_id', '=', anyUuid(counted))] : []),
      ]),
    )
    .orderBy('filed_at')
    .execute();
  // A decision taken after `asOf` was not known then: the appeal was still pending.
  const appeals: AppealFact[] = appealRows.map((a) =>
    a.decidedAt && a.decidedAt > asOf ? { ...a, status: 'pending', decidedAt: null, decisionNote: null } : a,
  );
  const ids = new Set<string>([...claims, ...answers, ...ratings, ...returns, ...track, ...appeals].map((x) => x.issueId));
  const issues = new Map<string, IssueRef>();
  if (ids.size > 0) {
    const rows = await db
      .selectFrom('issues as i')
      .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
      .select(['i.id', 'i.number', 'i.title', 'e.name as enterpriseName', 'i.lead_unit_id as leadUnitId', 'i.leader_id as leaderId', 'i.state'])
      .where('i.id', '=', anyUuid([...ids]))
      .execute();
    for (const r of rows) issues.set(r.id, r);
  }
  const units = await db.selectFrom('units').select(['id', 'short_name as name']).orderBy('short_name').execute();
  const leaders = await db.selectFrom('leaders').select(['id', 'name']).orderBy('name').execute();
  return { start, end, asOf, claims, answers, ratings, returns, claimsDone, answersDone, filed, closed, track, exclusions, appeals, issues, units, leaders };
}

/** `= any($1::uuid[])`: one bind parameter for any number of ids (PostgreSQL takes at most 65 535). */
export function anyUuid(ids: readonly string[]) {
  return sql<string>`any(${[...ids]}::uuid[])`;
}
