import type { Db } from '@huiyin/store';
import { loadPeriodFacts, type PeriodFacts } from './facts.ts';
import { FORMULAS, FORMULA_VERSION } from './formulas.ts';
import type { Period } from './period.ts';
import { redBlackLists, scoreRows, type ScoreRow } from './score-rows.ts';
import { lateOrders, type LateOrder } from './late-orders.ts';

/** A line of the red-card list: an issue whose claim, handling or assist clock went red or was escalated in the period. */
export type RedCard = {
  issueId: string;
  number: string;
  title: string;
  enterpriseName: string;
  clock: string;
  unitId: string | null;
  unitName: string | null;
  leaderId: string | null;
  leaderName: string | null;
  /** When it turned red in the period; null when it had turned red before and was escalated in it. */
  redAt: string | null;
  /** The furthest escalation in the period. */
  escalatedTo: 'leader' | 'supervision' | null;
};

export type AppealLine = {
  id: string;
  issueId: string;
  number: string;
  title: string;
  unitId: string;
  unitName: string;
  reason: string;
  text: string;
  status: 'pending' | 'accepted' | 'rejected';
  filedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
};

export type RankEntry = { id: string; name: string; rank: number; score: number };

/**
 * The content of a bulletin, stored as its frozen snapshot. `sections` is where later reports
 * add their part (key projects: `sections.projects`), each computed by a `BulletinSection`.
 */
export type BulletinContent = {
  formulaVersion: number;
  formulas: typeof FORMULAS;
  period: { id: string; label: string; start: string; end: string };
  asOf: string;
  minIssues: number;
  totals: { filed: number; claimed: number; resolved: number; closed: number; overdue: number; redCards: number; escalated: number };
  units: ScoreRow[];
  leaders: ScoreRow[];
  redBlack: { red: RankEntry[]; black: RankEntry[] };
  redCards: RedCard[];
  appeals: AppealLine[];
  /** 督办单 due in the period that were not answered in time (absent from bulletins stored before them). */
  lateOrders?: LateOrder[];
  sections: Record<string, unknown>;
};

/**
 * A further section of the bulletin, computed when it is generated and frozen with it. Key
 * key projects (docs/domain.md#key-projects) plug in here as `sections: { projects: projectSection }`.
 */
export type BulletinSection = (input: { db: Db; period: Period; asOf: Date }) => Promise<unknown>;

const entry = (r: ScoreRow): RankEntry => ({ id: r.id, name: r.name, rank: r.rank ?? 0, score: r.score ?? 0 });

function redCards(facts: PeriodFacts): RedCard[] {
  const unitName = new Map(facts.units.map((u) => [u.id, u.name]));
  const leaderName = new Map(facts.leaders.map((l) => [l.id, l.name]));
  const byClock = new Map<string, RedCard>();
  const order = { leader: 1, supervision: 2 } as const;
  for (const t of facts.track) {
    const key = `${t.issueId}|${t.clock}|${t.unitId ?? ''}`;
    const issue = facts.issues.get(t.issueId);
    const card = byClock.get(key) ?? {
      issueId: t.issueId,
      number: issue?.number ?? '',
      title: issue?.title ?? '',
      enterpriseName: issue?.enterpriseName ?? '',
      clock: t.clock,
      unitId: t.unitId,
      unitName: t.unitId ? (unitName.get(t.unitId) ?? null) : null,
      leaderId: t.leaderId,
      leaderName: t.leaderId ? (leaderName.get(t.leaderId) ?? null) : null,
      redAt: null,
      escalatedTo: null,
    };
    if (t.step === 'red') card.redAt ??= t.at.toISOString();
    else if (!card.escalatedTo || order[t.step] > order[card.escalatedTo]) card.escalatedTo = t.step;
    byClock.set(key, card);
  }
  return [...byClock.values()];
}

/** The bulletin of a period as the data stands at `asOf` (pure once the facts are read). */
export function bulletinFromFacts(facts: PeriodFacts, period: Period, minIssues: number): BulletinContent {
  const units = scoreRows(facts, 'unit', minIssues);
  const leaders = scoreRows(facts, 'leader', minIssues);
  const { red, black } = redBlackLists(units);
  const unitName = new Map(facts.units.map((u) => [u.id, u.name]));
  const cards = redCards(facts);
  const overdue = new Set([...facts.claims, ...facts.answers].filter((o) => !o.onTime).map((o) => o.issueId));
  return {
    formulaVersion: FORMULA_VERSION,
    formulas: FORMULAS,
    period: { id: period.id, label: period.label, start: period.start.toISOString(), end: period.end.toISOString() },
    asOf: facts.asOf.toISOString(),
    minIssues,
    totals: {
      filed: facts.filed.length,
      claimed: facts.claimsDone.length,
      resolved: facts.answersDone.length,
      closed: facts.closed.length,
      overdue: overdue.size,
      redCards: new Set(cards.filter((c) => c.redAt).map((c) => c.issueId)).size,
      escalated: new Set(cards.filter((c) => c.escalatedTo).map((c) => c.issueId)).size,
    },
    units,
    leaders,
    redBlack: { red: red.map(entry), black: black.map(entry) },
    redCards: cards,
    appeals: facts.appeals.map((a) => ({
      id: a.id,
      issueId: a.issueId,
      number: facts.issues.get(a.issueId)?.number ?? '',
      title: facts.issues.get(a.issueId)?.title ?? '',
      unitId: a.unitId,
      unitName: unitName.get(a.unitId) ?? '',
      reason: a.reason,
      text: a.text,
      status: a.status,
      filedAt: a.filedAt.toISOString(),
      decidedAt: a.decidedAt?.toISOString() ?? null,
      decisionNote: a.decisionNote,
    })),
    sections: {},
  };
}

/** Reads the period's facts and builds its bulletin, with any further sections. */
export async function buildBulletin(db: Db, period: Period, asOf: Date, options: { minIssues: number; sections?: Record<string, BulletinSection> | undefined }): Promise<BulletinContent> {
  const facts = await loadPeriodFacts(db, period, asOf);
  const content = bulletinFromFacts(facts, period, options.minIssues);
  content.lateOrders = await lateOrders(db, period, asOf);
  for (const [key, section] of Object.entries(options.sections ?? {})) content.sections[key] = await section({ db, period, asOf });
  return content;
}
