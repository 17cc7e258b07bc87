import { sql } from 'kysely';
import type { Db } from '@huiyin/store';
import { serviceCentreUnit } from '@huiyin/engine';

/**
 * One step that fell due in the period: a claim (签收) or an answer (办结) of one issue by one unit,
 * the service centre's listing (列单派单, its response, `listing`), or a first contact (先行联系).
 */
export type Obligation = {
  issueId: string;
  unitId: string | null;
  leaderId: string | null;
  dueAt: Date;
  /** When it was done; null while it is still undone (and already past its due time). */
  doneAt: Date | null;
  onTime: boolean;
  /** The service centre's listing, counted as its response. */
  listing?: true;
};
/** Something that happened in the period, with the unit and leader it counts for. */
type Happening = { issueId: string; unitId: string | null; leaderId: string | null; at: Date };
type RatingFact = Happening & { satisfaction: string };
type ReturnFact = Happening & { upheld: boolean | null };
type TrackFact = Happening & { clock: string; step: 'red' | 'leader' | 'supervision' };
export type IssueRef = { id: string; number: string; title: string; enterpriseName: string; leadUnitId: string | null; leaderId: string | null; state: string };
type AppealFact = {
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
  /** Claims, and the service centre's listings (its response). */
  claims: Obligation[];
  answers: Obligation[];
  /** First contacts (先行联系) due in the period, done or still undone past the due time. */
  firstContacts: Obligation[];
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

/**
 * A timestamp as milliseconds since the epoch (float8): a period's facts are hundreds of thousands
 * of rows, and node-postgres's parsing of timestamptz text is a large part of a bulletin's CPU.
 */
const ms = (column: string) => sql<number>`(extract(epoch from ${sql.ref(column)}) * 1000)::float8`;

/**
 * Reads the facts of [start, end) as they stood at `asOf` (normally: now). The issues they count
 * are read once, at the end, with their leader and lead unit: joining each fact to its issue
 * instead cost a random read of a wide issue row per fact, six times over for an issue claimed,
 * answered and rated in the period. Each fact is then built once, with its leader: the reading
 * process's CPU, not PostgreSQL, is what a big period costs (bench/README.md, reads).
 */
export async function loadPeriodFacts(db: Db, range: { start: Date; end: Date }, asOf: Date): Promise<PeriodFacts> {
  const { start, end } = range;
  // Claims or answers recorded by `asOf` (a step not due by then is not yet owed), due in the
  // period or done in it, in one read of each index range.
  const steps = (what: 'claim' | 'answer' | 'first_contact' | 'listing') =>
    db
      .selectFrom('timeliness as t')
      .select(['t.issue_id as issueId', 't.unit_id as unitId', ms('t.due_at').as('dueMs'), ms('t.done_at').as('doneMs'), 't.on_time as onTime'])
      .where('t.what', '=', what)
      .where('t.done_at', '<=', asOf)
      .where((eb) => eb.or([eb.and([eb('t.due_at', '>=', start), eb('t.due_at', '<', end)]), eb.and([eb('t.done_at', '>=', start), eb('t.done_at', '<', end)])]))
      .execute();
  // Still undone past the due time: the clock is running (a paused handling clock owes nothing:
  // the enterprise does), and its due time is in the period and behind us. The lead unit owes it.
  const undone = (kind: 'claim' | 'handling' | 'listing') =>
    db
      .selectFrom('clocks as c')
      .select(['c.issue_id as issueId', ms('c.due_at').as('dueMs')])
      .where('c.kind', '=', kind)
      .where('c.status', '=', 'running')
      .where('c.due_at', '>=', start)
      .where('c.due_at', '<', end)
      .where('c.due_at', '<', asOf)
      .execute();
  const ratingsRead = db
    .selectFrom('ratings as r')
    .select([
      'r.issue_id as issueId',
      ms('r.rated_at').as('atMs'),
      sql<string>`r.satisfaction`.as('satisfaction'),
      // The unit that gave the answer rated: the last answer sent before the rating (else the lead unit).
      sql<string | null>`(select t.unit_id from timeliness t where t.issue_id = r.issue_id and t.what = 'answer' and t.done_at <= r.rated_at order by t.done_at desc limit 1)`.as('unitId'),
    ])
    .where('r.source', '=', 'enterprise')
    .where('r.satisfaction', 'is not', null)
    .where('r.rated_at', '>=', start)
    .where('r.rated_at', '<', end)
    .where('r.rated_at', '<=', asOf)
    .execute();
  const returnsRead = db
    .selectFrom('issue_returns as r')
    // A ruling made after `asOf` was not known then.
    .select(['r.issue_id as issueId', 'r.unit_id as unitId', ms('r.returned_at').as('atMs'), sql<boolean | null>`case when r.ruled_at <= ${asOf} then r.upheld end`.as('upheld')])
    .where('r.returned_at', '>=', start)
    .where('r.returned_at', '<', end)
    .where('r.returned_at', '<=', asOf)
    .execute();
  const filedRead = db
    .selectFrom('issues as i')
    .select(['i.id as issueId', 'i.lead_unit_id as unitId', 'i.leader_id as leaderId', ms('i.filed_at').as('atMs')])
    .where('i.filed_at', '>=', start)
    .where('i.filed_at', '<', end)
    .where('i.filed_at', '<=', asOf)
    .execute();
  const closedRead = db
    .selectFrom('issues as i')
    .select(['i.id as issueId', 'i.lead_unit_id as unitId', 'i.leader_id as leaderId', ms('i.closed_at').as('atMs')])
    .where('i.state', '=', 'closed')
    .where('i.closed_at', '>=', start)
    .where('i.closed_at', '<', end)
    .where('i.closed_at', '<=', asOf)
    .execute();
  const trackRead = db
    .selectFrom('issue_events as e')
    .select([
      'e.issue_id as issueId',
      ms('e.at').as('atMs'),
      sql<string>`e.payload->>'clock'`.as('clock'),
      sql<'red' | 'leader' | 'supervision'>`e.payload->>'step'`.as('step'),
      // An assisting unit's clock is that unit's; the others are the lead unit's (filled in below).
      sql<string | null>`case when e.payload->>'clock' = 'assist' then nullif(e.payload->>'subject', '')::uuid end`.as('assistUnitId'),
    ])
    .where('e.type', '=', 'trackStep')
    .where(sql<boolean>`e.payload->>'step' in ('red', 'leader', 'supervision')`)
    .where(sql<boolean>`e.payload->>'clock' in ('listing', 'claim', 'handling', 'assist')`)
    .where('e.at', '>=', start)
    .where('e.at', '<', end)
    .where('e.at', '<=', asOf)
    .orderBy('e.at')
    .execute();
  const exclusionsRead = db.selectFrom('appeals').select(['id as appealId', 'issue_id as issueId', 'unit_id as unitId']).where('status', '=', 'accepted').where('decided_at', '<=', asOf).execute();
  const [claimSteps, answerSteps, listingSteps, contactSteps, claimsUndone, answersUndone, listingsUndone, ratingRows, returnRows, filed, closed, trackRows, exclusions, units, leaders, centre] =
    await Promise.all([
      steps('claim'),
      steps('answer'),
      steps('listing'),
      steps('first_contact'),
      undone('claim'),
      undone('handling'),
      undone('listing'),
      ratingsRead,
      returnsRead,
      filedRead,
      closedRead,
      trackRead,
      exclusionsRead,
      db.selectFrom('units').select(['id', 'short_name as name']).orderBy('short_name').execute(),
      db.selectFrom('leaders').select(['id', 'name']).orderBy('name').execute(),
      serviceCentreUnit(db),
    ]);

  const countedIds = new Set<string>();
  for (const rows of [claimSteps, answerSteps, listingSteps, contactSteps, claimsUndone, answersUndone, listingsUndone, ratingRows, returnRows, trackRows])
    for (const r of rows) countedIds.add(r.issueId);
  const counted = [...countedIds];
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
  const appeals: AppealFact[] = appealRows.map((a) => (a.decidedAt && a.decidedAt > asOf ? { ...a, status: 'pending', decidedAt: null, decisionNote: null } : a));

  for (const a of appeals) countedIds.add(a.issueId);
  const issues = await issueRefs(db, countedIds);
  // An appeal accepted in an earlier period keeps its issue out of every later one, but a period
  // that does not count the issue has nothing to leave out: listing it there named it by its id.
  const excludedHere = exclusions.filter((e) => countedIds.has(e.issueId));
  const leaderOf = (issueId: string) => issues.get(issueId)?.leaderId ?? null;
  const leadUnitOf = (issueId: string) => issues.get(issueId)?.leadUnitId ?? null;
  const [startMs, endMs] = [start.getTime(), end.getTime()];
  const inPeriod = (t: number) => t >= startMs && t < endMs;
  // Steps due in the period are owed in it; steps done in it are its work done (a step may be both).
  const split = (rows: typeof claimSteps, undone: typeof claimsUndone) => {
    const owed: Obligation[] = [];
    const done: Happening[] = [];
    for (const r of rows) {
      const leaderId = leaderOf(r.issueId);
      if (inPeriod(r.dueMs)) owed.push({ issueId: r.issueId, unitId: r.unitId, leaderId, dueAt: new Date(r.dueMs), doneAt: new Date(r.doneMs), onTime: r.onTime });
      if (inPeriod(r.doneMs)) done.push({ issueId: r.issueId, unitId: r.unitId, leaderId, at: new Date(r.doneMs) });
    }
    for (const u of undone) owed.push({ issueId: u.issueId, unitId: leadUnitOf(u.issueId), leaderId: leaderOf(u.issueId), dueAt: new Date(u.dueMs), doneAt: null, onTime: false });
    return { owed, done };
  };
  const claims = split(claimSteps, claimsUndone);
  const answers = split(answerSteps, answersUndone);
  // The service centre is scored like a unit: its listings are its response, owed by its unit
  // and by no leader (none had the issue yet); a listing still undone past due is the centre's.
  const listings = [
    ...split(listingSteps, []).owed,
    ...listingsUndone.map((u): Obligation => ({ issueId: u.issueId, unitId: centre, leaderId: null, dueAt: new Date(u.dueMs), doneAt: null, onTime: false })),
  ].map((o): Obligation => ({ ...o, leaderId: null, listing: true }));
  // First contact is owed from the claim: the row is written when it is done; still undone past
  // its due time, it shows nowhere yet (its clock is the handling one), so only done ones count.
  const firstContacts = split(contactSteps, []).owed;
  const happening = (r: { issueId: string; unitId: string | null; leaderId: string | null; atMs: number }): Happening => ({
    issueId: r.issueId,
    unitId: r.unitId,
    leaderId: r.leaderId,
    at: new Date(r.atMs),
  });
  return {
    start,
    end,
    asOf,
    claims: [...claims.owed, ...listings],
    answers: answers.owed,
    firstContacts,
    ratings: ratingRows.map((r): RatingFact => ({ issueId: r.issueId, unitId: r.unitId ?? leadUnitOf(r.issueId), leaderId: leaderOf(r.issueId), at: new Date(r.atMs), satisfaction: r.satisfaction })),
    returns: returnRows.map((r): ReturnFact => ({ issueId: r.issueId, unitId: r.unitId, leaderId: leaderOf(r.issueId), at: new Date(r.atMs), upheld: r.upheld })),
    claimsDone: claims.done,
    answersDone: answers.done,
    filed: filed.map(happening),
    closed: closed.map(happening),
    track: trackRows.map(
      (t): TrackFact => ({
        issueId: t.issueId,
        // The listing is the service centre's step, before any unit or leader had the issue.
        unitId: t.clock === 'assist' ? t.assistUnitId : t.clock === 'listing' ? null : leadUnitOf(t.issueId),
        leaderId: t.clock === 'listing' ? null : leaderOf(t.issueId),
        at: new Date(t.atMs),
        clock: t.clock,
        step: t.step,
      }),
    ),
    exclusions: excludedHere,
    appeals,
    issues,
    units,
    leaders,
  };
}

/** The issues a period counts, each read once: number, title, enterprise, lead unit, leader, state. */
async function issueRefs(db: Db, ids: ReadonlySet<string>): Promise<Map<string, IssueRef>> {
  const issues = new Map<string, IssueRef>();
  if (ids.size === 0) return issues;
  const rows = await db
    .selectFrom('issues as i')
    .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
    .select(['i.id', 'i.number', 'i.title', 'e.name as enterpriseName', 'i.lead_unit_id as leadUnitId', 'i.leader_id as leaderId', 'i.state'])
    .where('i.id', '=', anyUuid([...ids]))
    .execute();
  for (const r of rows) issues.set(r.id, r);
  return issues;
}

/** `= any($1::uuid[])`: one bind parameter for any number of ids (PostgreSQL takes at most 65 535). */
export function anyUuid(ids: readonly string[]) {
  return sql<string>`any(${[...ids]}::uuid[])`;
}
