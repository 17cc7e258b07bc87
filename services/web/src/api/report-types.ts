/** Shapes of the reports endpoints (packages/reports via services/api/src/routes/reports.ts, appeals.ts). */

/** A ratio with its parts; `rate` is null when nothing was due. */
export type Rate = { num: number; den: number; rate: number | null };
type IssueMention = { id: string; number: string; title: string };
type Cause = { rate: 'response' | 'resolution' | 'satisfaction'; text: string; issues: IssueMention[] };
type Counts = { filed: number; claimed: number; resolved: number; closed: number; overdue: number };

export type ScoreRow = {
  id: string;
  name: string;
  issues: number;
  ranked: boolean;
  rank: number | null;
  score: number | null;
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
  returnRate: Rate;
  redoRate: Rate;
  /** Absent from bulletins frozen before first contact was measured. */
  firstContactRate?: Rate;
  counts: Counts;
  causes: Cause[];
  excluded?: Array<IssueMention & { appealId: string }>;
};

type Totals = { filed: number; claimed: number; resolved: number; closed: number; overdue: number; redCards: number; escalated: number };
type RankEntry = { id: string; name: string; rank: number; score: number };
export type RedCard = {
  issueId: string;
  number: string;
  title: string;
  enterpriseName: string;
  clock: string;
  unitName: string | null;
  leaderName: string | null;
  redAt: string | null;
  escalatedTo: 'leader' | 'supervision' | null;
};
export type AppealLine = {
  id: string;
  issueId: string;
  number: string;
  title: string;
  unitName: string;
  reason: string;
  text: string;
  status: AppealStatus;
  filedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
};

/** A 督办单 not answered by its reply due time. */
export type LateOrder = {
  orderId: string;
  issueId: string | null;
  projectId: string | null;
  number: string | null;
  title: string;
  unitName: string | null;
  dueAt: string;
  repliedAt: string | null;
  escalatedAt: string | null;
};

type BulletinContent = {
  formulaVersion: number;
  formulas: Record<string, string>;
  period: { id: string; label: string; start: string; end: string };
  asOf: string;
  minIssues: number;
  totals: Totals;
  units: ScoreRow[];
  leaders: ScoreRow[];
  redBlack: { red: RankEntry[]; black: RankEntry[] };
  redCards: RedCard[];
  appeals: AppealLine[];
  /** Absent from bulletins stored before 督办单 had a reply clock. */
  lateOrders?: LateOrder[];
  sections: Record<string, unknown>;
};

export type BulletinSummary = { id: string; periodId: string; label: string; kind: 'scheduled' | 'on_demand'; generatedAt: string; totals: Totals };
export type Bulletin = BulletinSummary & { generatedBy: string | null; content: BulletinContent };

export type ScorecardPoint = {
  periodId: string;
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
  returnRate: Rate;
  redoRate: Rate;
  firstContactRate?: Rate;
  score: number | null;
  rank: number | null;
  issues: number;
  counts: Counts;
  causes: Cause[];
};
export type Scorecards = { by: 'unit' | 'leader'; periods: Array<{ id: string; label: string; start: string; end: string }>; series: Array<{ id: string; name: string; points: ScorecardPoint[] }> };

type HotSpot = { id: string; name: string; count: number; previous: number; change: number; changeRate: number | null; open: number };
export type HotSpots = { window: { days: number; from: string; to: string }; minCount: number; byCategory: HotSpot[]; byEnterprise: HotSpot[]; byIndustry: HotSpot[] };

export type AppealStatus = 'pending' | 'accepted' | 'rejected';
export type AppealReason = 'unreasonable' | 'duplicate' | 'malicious';
export type Appeal = {
  id: string;
  issueId: string;
  number: string;
  title: string;
  unitId: string;
  unitName: string;
  reason: AppealReason;
  text: string;
  filedAt: string;
  status: AppealStatus;
  decidedAt: string | null;
  decisionNote: string | null;
};

export type Offset<T> = { items: T[]; total: number };

export type LaggingIssue = { id: string; number: string; title: string; enterpriseName: string; state: string; leaderName: string | null; unitName: string | null; reasons: string[]; open: boolean };
type LagGroup = { id: string | null; name: string; issues: number; open: number };
export type MonthlyPack = { month: { id: string; label: string }; asOf: string; totals: Totals; lagging: LaggingIssue[]; byLeader: LagGroup[]; byUnit: LagGroup[]; hotSpots: HotSpots };
