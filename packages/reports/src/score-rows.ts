import type { IssueRef, Obligation, PeriodFacts } from './facts.ts';
import { SCORE_WEIGHTS } from './formulas.ts';
import { rate, type Rate } from './rate.ts';

/** An issue named in a bulletin: enough to find it and to tell it apart. */
export type IssueMention = { id: string; number: string; title: string };

/** Why a unit or leader lost points on one rate, naming the issues ("7 件中 2 件超时签收"). */
export type Cause = { rate: 'response' | 'resolution' | 'satisfaction'; text: string; issues: IssueMention[] };

/** One unit's or leader's line of a bulletin or scorecard. */
export type ScoreRow = {
  id: string;
  name: string;
  /** Distinct issues behind its 三率 (claims and answers due, ratings), after accepted appeals. */
  issues: number;
  ranked: boolean;
  rank: number | null;
  /** 0–100, one decimal; null when none of the 三率 had anything to count. */
  score: number | null;
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
  returnRate: Rate;
  redoRate: Rate;
  /** 先行联系及时率: first contacts made within the track's limit after the claim (not in the score). */
  firstContactRate: Rate;
  counts: { filed: number; claimed: number; resolved: number; closed: number; overdue: number };
  causes: Cause[];
  /** Issues left out of its scores by accepted appeals (units only). */
  excluded: Array<IssueMention & { appealId: string }>;
};

export type GroupBy = 'unit' | 'leader';

const SATISFIED = new Set(['satisfied', 'basically']);

function mention(issues: Map<string, IssueRef>, id: string): IssueMention {
  const i = issues.get(id);
  return { id, number: i?.number ?? id, title: i?.title ?? '' };
}

const numbers = (ms: IssueMention[]) => ms.map((m) => m.number).join('、');

/** Issues named once each, by number. */
function mentions(issues: Map<string, IssueRef>, ids: string[]): IssueMention[] {
  return [...new Set(ids)].map((id) => mention(issues, id)).sort((a, b) => a.number.localeCompare(b.number));
}

function obligationCause(kind: 'response' | 'resolution', list: Obligation[], issues: Map<string, IssueRef>): Cause | null {
  const late = list.filter((o) => !o.onTime && o.doneAt !== null);
  const undone = list.filter((o) => o.doneAt === null);
  if (late.length === 0 && undone.length === 0) return null;
  // The service centre's response is its listing (列单派单), a unit's its claim.
  const listing = list.length > 0 && list.every((o) => o.listing);
  const [lateWord, undoneWord] = kind === 'resolution' ? ['超期办结', '逾期未办结'] : listing ? ['超时列单派单', '逾期未列单派单'] : ['超时签收', '逾期未签收'];
  const parts: string[] = [];
  const lateM = mentions(
    issues,
    late.map((o) => o.issueId),
  );
  const undoneM = mentions(
    issues,
    undone.map((o) => o.issueId),
  );
  if (late.length) parts.push(`${late.length} 件${lateWord}（${numbers(lateM)}）`);
  if (undone.length) parts.push(`${undone.length} 件${undoneWord}（${numbers(undoneM)}）`);
  return {
    rate: kind,
    text: `${list.length} 件中 ${parts.join('，')}`,
    issues: mentions(
      issues,
      [...late, ...undone].map((o) => o.issueId),
    ),
  };
}

/**
 * The weighted score of the 三率 that had something to count, rescaled to their weights; one
 * decimal. Null when none had.
 */
export function compositeScore(r: { response: Rate; resolution: Rate; satisfaction: Rate }): number | null {
  let sum = 0;
  let weight = 0;
  for (const key of ['response', 'resolution', 'satisfaction'] as const) {
    const v = r[key].rate;
    if (v === null) continue;
    sum += SCORE_WEIGHTS[key] * v;
    weight += SCORE_WEIGHTS[key];
  }
  return weight === 0 ? null : Math.round((1000 * sum) / weight) / 10;
}

/**
 * Each unit's (or leader's) figures for a period, from its facts (pure). A unit's accepted appeals
 * take the issue out of all its rates; leaders are scored on every issue they lead.
 */
export function scoreRows(facts: PeriodFacts, by: GroupBy, minIssues: number): ScoreRow[] {
  const groups = by === 'unit' ? facts.units : facts.leaders;
  const keyOf = (x: { unitId: string | null; leaderId: string | null }) => (by === 'unit' ? x.unitId : x.leaderId);
  const excludedBy = new Map<string, Map<string, string>>();
  if (by === 'unit') {
    for (const e of facts.exclusions) {
      const m = excludedBy.get(e.unitId) ?? new Map<string, string>();
      m.set(e.issueId, e.appealId);
      excludedBy.set(e.unitId, m);
    }
  }
  // Each list of facts split by group once, not filtered whole for every group (a big district's
  // period holds hundreds of thousands).
  const split = <T extends { unitId: string | null; leaderId: string | null }>(xs: T[]) => {
    const m = new Map<string | null, T[]>();
    for (const x of xs) {
      const list = m.get(keyOf(x));
      if (list) list.push(x);
      else m.set(keyOf(x), [x]);
    }
    return m;
  };
  const lists = {
    claims: split(facts.claims),
    answers: split(facts.answers),
    firstContacts: split(facts.firstContacts),
    ratings: split(facts.ratings),
    returns: split(facts.returns),
    claimsDone: split(facts.claimsDone),
    answersDone: split(facts.answersDone),
    filed: split(facts.filed),
    closed: split(facts.closed),
  };
  const rows = groups.map((g): ScoreRow => {
    const excluded = excludedBy.get(g.id) ?? new Map<string, string>();
    const mine = <T extends { issueId: string }>(byGroup: Map<string | null, T[]>) => (byGroup.get(g.id) ?? []).filter((x) => !excluded.has(x.issueId));
    const claims = mine(lists.claims);
    const answers = mine(lists.answers);
    const ratings = mine(lists.ratings);
    // A return the ruling upheld (the unit was right) is not held against it.
    const returns = mine(lists.returns).filter((r) => r.upheld !== true);
    const claimsDone = mine(lists.claimsDone);
    const answersDone = mine(lists.answersDone);
    const dissatisfied = ratings.filter((r) => !SATISFIED.has(r.satisfaction));
    const response = rate(claims.filter((o) => o.onTime).length, claims.length);
    const resolution = rate(answers.filter((o) => o.onTime).length, answers.length);
    const contacts = mine(lists.firstContacts);
    const satisfaction = rate(ratings.length - dissatisfied.length, ratings.length);
    const causes: Cause[] = [];
    const rc = obligationCause('response', claims, facts.issues);
    if (rc) causes.push(rc);
    const sc = obligationCause('resolution', answers, facts.issues);
    if (sc) causes.push(sc);
    if (dissatisfied.length) {
      const ms = mentions(
        facts.issues,
        dissatisfied.map((r) => r.issueId),
      );
      causes.push({ rate: 'satisfaction', text: `评价 ${ratings.length} 件中 ${dissatisfied.length} 件不满意（${numbers(ms)}）`, issues: ms });
    }
    const overdue = new Set([...claims, ...answers].filter((o) => !o.onTime).map((o) => o.issueId));
    const issues = new Set([...claims, ...answers, ...ratings].map((x) => x.issueId)).size;
    return {
      id: g.id,
      name: g.name,
      issues,
      ranked: issues >= minIssues,
      rank: null,
      score: compositeScore({ response, resolution, satisfaction }),
      response,
      resolution,
      satisfaction,
      returnRate: rate(returns.length, returns.length + claimsDone.length),
      redoRate: rate(dissatisfied.length, answersDone.length),
      firstContactRate: rate(contacts.filter((o) => o.onTime).length, contacts.length),
      counts: { filed: mine(lists.filed).length, claimed: claimsDone.length, resolved: answersDone.length, closed: mine(lists.closed).length, overdue: overdue.size },
      causes,
      excluded: [...excluded.entries()].map(([issueId, appealId]) => ({ ...mention(facts.issues, issueId), appealId })),
    };
  });
  return rankRows(rows);
}

/**
 * Ranks the rows that may be ranked: score high to low, then more issues first, then name;
 * equal scores share a rank (1, 2, 2, 4). Ranked rows come first, then the rest by name.
 */
export function rankRows(rows: ScoreRow[]): ScoreRow[] {
  const ranked = rows.filter((r) => r.ranked && r.score !== null).sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || b.issues - a.issues || a.name.localeCompare(b.name, 'zh'));
  let prev: number | null = null;
  let rank = 0;
  ranked.forEach((r, i) => {
    if (r.score !== prev) rank = i + 1;
    prev = r.score;
    r.rank = rank;
  });
  const rest = rows.filter((r) => !ranked.includes(r)).map((r) => ({ ...r, ranked: false, rank: null }));
  rest.sort((a, b) => b.issues - a.issues || a.name.localeCompare(b.name, 'zh'));
  return [...ranked, ...rest];
}

/**
 * 红黑榜: the best five and the worst five ranked rows, each at most half of those ranked so the
 * two never share a row; a full score never makes the black list. Black list worst first.
 */
export function redBlackLists(rows: ScoreRow[]): { red: ScoreRow[]; black: ScoreRow[] } {
  const ranked = rows.filter((r) => r.rank !== null);
  const size = Math.min(5, Math.floor(ranked.length / 2));
  const red = ranked.slice(0, size);
  const black = ranked
    .slice(ranked.length - size)
    .filter((r) => (r.score ?? 0) < 100)
    .reverse();
  return { red, black };
}
