import { z } from 'zod';
import { FrozenLedgerCheckpoint } from './ledger.ts';
import { Time } from './common.ts';

/*
 * Answers of the reports routes (packages/reports): bulletins, the open list, scorecards, the
 * monthly pack, hot spots and appeals. A bulletin is a frozen snapshot stored as JSON: its times
 * are already text, and a field added after it was stored is absent from it (marked optional).
 */

/** A moment the report already holds as ISO 8601 text. */
const TimeText = z.string().meta({ format: 'date-time' });
/**
 * A moment of a key-project section: text as frozen in a bulletin, a `Date` when computed for the
 * monthly pack; an ISO 8601 string on the wire either way.
 */
const SectionTime = z.custom<Date | string>((v) => v instanceof Date || typeof v === 'string').meta({ type: 'string', format: 'date-time' });

/** A whole list by offset pages, with how many there are in all. */
const offsetPageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const ReportRate = z
  .object({ num: z.number().int(), den: z.number().int(), rate: z.number().nullable().meta({ description: 'num ÷ den; null when nothing was due' }) })
  .meta({ id: 'ReportRate', description: 'A ratio with its parts, so every figure can be checked' });

const IssueMention = z.object({ id: z.string(), number: z.string(), title: z.string() });

export const ReportCause = z
  .object({ rate: z.enum(['response', 'resolution', 'satisfaction']), text: z.string().meta({ description: 'e.g. 7 件中 2 件超时签收（…）' }), issues: z.array(IssueMention) })
  .meta({ id: 'ReportCause', description: 'Why a unit or leader lost points on one rate, naming the issues' });

const Counts = z.object({ filed: z.number().int(), claimed: z.number().int(), resolved: z.number().int(), closed: z.number().int(), overdue: z.number().int() });

export const ReportTotals = z.object({ ...Counts.shape, redCards: z.number().int(), escalated: z.number().int() }).meta({ id: 'ReportTotals', description: "The period's totals over all units" });

export const ReportPeriod = z
  .object({ id: z.string(), label: z.string(), start: TimeText, end: TimeText })
  .meta({ id: 'ReportPeriod', description: 'A reporting period [start, end) in Asia/Shanghai' });

export const ReportScoreRow = z
  .object({
    id: z.string(),
    name: z.string(),
    issues: z.number().int().meta({ description: 'Distinct issues behind its 三率, after accepted appeals' }),
    ranked: z.boolean(),
    rank: z.number().int().nullable(),
    score: z.number().nullable().meta({ description: '0–100, one decimal; null when none of the 三率 had anything to count' }),
    response: ReportRate,
    resolution: ReportRate,
    satisfaction: ReportRate,
    returnRate: ReportRate,
    redoRate: ReportRate,
    firstContactRate: ReportRate,
    counts: Counts,
    causes: z.array(ReportCause).meta({ description: "Shown only on the viewer's own rows unless supervision" }),
    excluded: z.array(IssueMention.extend({ appealId: z.string() })).meta({ description: 'Issues left out of its scores by accepted appeals (units only)' }),
  })
  .meta({ id: 'ReportScoreRow', description: "One unit's or leader's figures for a period" });

// ---- Bulletins (每半月汇总通报) ----

/** A score row as frozen in a bulletin: those stored before first contact was measured lack it. */
export const BulletinScoreRow = ReportScoreRow.extend({ firstContactRate: ReportRate.optional() }).meta({ id: 'BulletinScoreRow' });

export const BulletinRedCard = z
  .object({
    issueId: z.string(),
    number: z.string(),
    title: z.string(),
    enterpriseName: z.string(),
    clock: z.string(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    leaderId: z.string().nullable(),
    leaderName: z.string().nullable(),
    redAt: TimeText.nullable().meta({ description: 'When it turned red in the period; null when it had turned red before and was escalated in it' }),
    escalatedTo: z.enum(['leader', 'supervision']).nullable(),
  })
  .meta({ id: 'BulletinRedCard', description: 'An issue whose clock went red or was escalated in the period' });

export const AppealStatus = z.enum(['pending', 'accepted', 'rejected']).meta({ id: 'AppealStatus' });

export const BulletinAppealLine = z
  .object({
    id: z.string(),
    issueId: z.string(),
    number: z.string(),
    title: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    reason: z.string(),
    text: z.string(),
    status: AppealStatus,
    filedAt: TimeText,
    decidedAt: TimeText.nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'BulletinAppealLine' });

export const BulletinLateOrder = z
  .object({
    orderId: z.string(),
    issueId: z.string().nullable(),
    projectId: z.string().nullable(),
    number: z.string().nullable().meta({ description: "The issue's number; null for a key project's order" }),
    title: z.string(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    leaderId: z.string().nullable(),
    dueAt: TimeText,
    repliedAt: TimeText.nullable().meta({ description: 'When the late reply came; null when none had come by the bulletin’s time' }),
    escalatedAt: TimeText.nullable(),
  })
  .meta({ id: 'BulletinLateOrder', description: 'A 督办单 due in the period whose reply did not come in time' });

const Money = z.object({ count: z.number().int(), totalInvestment: z.number(), plannedInvestmentYear: z.number(), investmentCompleted: z.number() });

/** packages/engine projectBulletinSection. */
export const BulletinProjectSection = z
  .object({
    investment: z.object({ unit: z.string().meta({ description: '万元' }), byType: z.array(Money.extend({ type: z.string(), typeName: z.string() })), total: Money }),
    lateMilestones: z.object({
      total: z.number().int(),
      groups: z.array(
        z.object({
          leaderId: z.string(),
          leaderName: z.string(),
          unitId: z.string(),
          unitName: z.string(),
          late: z.number().int(),
          milestones: z.array(z.object({ projectName: z.string(), name: z.string(), dueOn: z.string().meta({ format: 'date' }), percent: z.number().int(), daysLate: z.number().int() })),
        }),
      ),
    }),
    reports: z.object({
      periodEnd: z.string().meta({ format: 'date' }).nullable().meta({ description: 'The report period ending with this one; null when it ends on no report cutoff' }),
      dueAt: SectionTime.nullable(),
      missing: z.array(z.object({ projectId: z.string(), projectName: z.string(), unitName: z.string(), leaderName: z.string() })),
      filedLate: z.array(z.object({ projectId: z.string(), projectName: z.string(), unitName: z.string(), periodEnd: z.string().meta({ format: 'date' }), filedAt: SectionTime })),
    }),
    problems: z.array(
      z.object({ projectId: z.string(), projectName: z.string(), issueId: z.string(), number: z.string(), title: z.string(), stage: z.string(), track: z.string(), closed: z.boolean() }),
    ),
  })
  .meta({
    id: 'BulletinProjectSection',
    description: 'Key projects (重点项目): investment by type (万元), late milestones by leader and unit, progress reports missing or filed late, problems handed over in the period',
  });

const RankEntry = z.object({ id: z.string(), name: z.string(), rank: z.number().int(), score: z.number() });

/** Further parts frozen with a bulletin or computed for the month; each absent when not configured. */
const Sections = z.object({ projects: BulletinProjectSection.optional(), ledgerCheckpoint: FrozenLedgerCheckpoint.optional() });

export const BulletinContent = z
  .object({
    formulaVersion: z.number().int(),
    formulas: z.record(z.string(), z.string()).meta({ description: 'The published formulas, word for word, as of `formulaVersion`' }),
    period: ReportPeriod,
    asOf: TimeText,
    minIssues: z.number().int(),
    totals: ReportTotals,
    units: z.array(BulletinScoreRow),
    leaders: z.array(BulletinScoreRow),
    redBlack: z.object({ red: z.array(RankEntry), black: z.array(RankEntry).meta({ description: 'Worst first' }) }).meta({ description: '红黑榜: the best and worst five ranked' }),
    redCards: z.array(BulletinRedCard),
    appeals: z.array(BulletinAppealLine),
    lateOrders: z.array(BulletinLateOrder).optional().meta({ description: 'Absent from bulletins stored before 督办单 had a reply clock' }),
    sections: Sections,
  })
  .meta({ id: 'BulletinContent', description: 'A bulletin as frozen when generated; causes, red cards, appeals and late orders only for the viewer’s own unit or leader unless supervision' });

export const BulletinSummary = z
  .object({
    id: z.string(),
    periodId: z.string(),
    label: z.string(),
    kind: z.enum(['scheduled', 'on_demand']),
    revision: z.number().int().min(0).meta({ description: "0 for the period's first bulletin; 1, 2, … for each revision (修订版) generated after it on purpose" }),
    generatedAt: Time,
    totals: ReportTotals,
  })
  .meta({ id: 'BulletinSummary' });

export const Bulletin = BulletinSummary.extend({ generatedBy: z.string().nullable().meta({ description: 'The official who asked for it; null for the scheduler' }), content: BulletinContent }).meta({
  id: 'Bulletin',
});

export const BulletinGenerated = Bulletin.extend({ mailed: z.number().int().meta({ description: 'Mails queued to leaders, unit heads and supervision' }) }).meta({ id: 'BulletinGenerated' });

export const BulletinList = offsetPageOf(BulletinSummary).meta({ id: 'BulletinList' });

// ---- 未办结事项清单 ----

export const OpenListGroup = z
  .object({ id: z.string().nullable(), name: z.string(), open: z.number().int(), overdue: z.number().int(), red: z.number().int(), yellow: z.number().int() })
  .meta({ id: 'OpenListGroup' });

export const OpenListItem = z
  .object({
    id: z.string(),
    number: z.string(),
    title: z.string(),
    enterpriseName: z.string(),
    state: z.string(),
    statusNote: z.string(),
    track: z.string(),
    leaderId: z.string().nullable(),
    leaderName: z.string().nullable(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    claimDueAt: Time.nullable(),
    handlingDueAt: Time.nullable(),
    filedAt: Time,
    overdue: z.boolean().meta({ description: 'Its running claim or handling clock is past its due time' }),
    groupId: z.string().nullable(),
    groupName: z.string(),
  })
  .meta({ id: 'OpenListItem' });

export const OpenList = z
  .object({
    groupBy: z.enum(['leader', 'unit']),
    asOf: Time,
    groups: z.array(OpenListGroup),
    items: z.array(OpenListItem),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'OpenList', description: '未办结事项清单: every group with its counts, the items of the page in group order' });

// ---- Scorecards ----

export const ScorecardPoint = ReportScoreRow.pick({
  response: true,
  resolution: true,
  satisfaction: true,
  returnRate: true,
  redoRate: true,
  firstContactRate: true,
  score: true,
  rank: true,
  issues: true,
  counts: true,
  causes: true,
})
  .extend({ periodId: z.string() })
  .meta({ id: 'ScorecardPoint' });

export const Scorecards = z
  .object({
    by: z.enum(['unit', 'leader']),
    periods: z.array(ReportPeriod).meta({ description: 'Oldest first' }),
    series: z.array(z.object({ id: z.string(), name: z.string(), points: z.array(ScorecardPoint).meta({ description: 'One per period' }) })),
  })
  .meta({ id: 'Scorecards' });

// ---- Hot spots (主动治理) ----

export const HotSpot = z
  .object({
    id: z.string(),
    name: z.string(),
    count: z.number().int().meta({ description: 'Issues filed in the window' }),
    previous: z.number().int().meta({ description: 'Issues filed in the window of the same length just before' }),
    change: z.number().int(),
    changeRate: z.number().nullable().meta({ description: '(count − previous) ÷ previous; null when there were none before' }),
    open: z.number().int().meta({ description: 'Of `count`, those not finished yet' }),
  })
  .meta({ id: 'HotSpot' });

export const ProblemCluster = HotSpot.extend({
  id: z.string().meta({ description: 'The first issue of the cluster' }),
  name: z.string().meta({ description: 'The title most of its issues carry' }),
  enterprises: z.number().int().meta({ description: 'Distinct enterprises that filed it in the window' }),
  leadUnitId: z.string().nullable(),
  leadUnitName: z.string().nullable().meta({ description: 'The unit leading most of its issues: who would take it on as one task (主动治理)' }),
  issues: z
    .array(z.object({ id: z.string(), number: z.string(), title: z.string(), enterpriseName: z.string(), filedAt: Time, closedAt: Time.nullable() }))
    .meta({ description: 'Its issues in the window, newest first (at most 20)' }),
  governanceTask: z
    .object({ id: z.string(), title: z.string(), unitName: z.string().nullable(), issuedAt: Time, dueAt: Time, repliedAt: Time.nullable(), escalatedAt: Time.nullable() })
    .nullable()
    .meta({ description: '主动治理: the newest governance task covering any of its issues (open or replied); null when none' }),
}).meta({ id: 'ProblemCluster', description: '同类问题: one problem filed by several enterprises' });

export const HotSpots = z
  .object({
    window: z.object({ days: z.number().int(), from: Time, to: Time, previousFrom: Time }),
    minCount: z.number().int(),
    byCategory: z.array(HotSpot),
    byEnterprise: z.array(HotSpot),
    byIndustry: z.array(HotSpot),
    byProblem: z.array(ProblemCluster).meta({ description: '同类问题: alike titles (character bigrams) from at least two enterprises, most enterprises first' }),
    problemsTruncated: z.boolean().meta({ description: 'The two windows held more issues than are clustered (20 000, newest kept)' }),
  })
  .meta({ id: 'HotSpots' });

// ---- 每月推进会 ----

export const MonthlyPackLagReason = z.enum(['lateClaim', 'unclaimed', 'lateAnswer', 'unanswered', 'red', 'leader', 'supervision', 'stillOverdue']).meta({ id: 'MonthlyPackLagReason' });

export const MonthlyPackLaggingIssue = z
  .object({
    id: z.string(),
    number: z.string(),
    title: z.string(),
    enterpriseName: z.string(),
    state: z.string(),
    leaderId: z.string().nullable(),
    leaderName: z.string().nullable(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    reasons: z.array(MonthlyPackLagReason),
    open: z.boolean(),
  })
  .meta({ id: 'MonthlyPackLaggingIssue' });

export const MonthlyPackLagGroup = z
  .object({
    id: z.string().nullable(),
    name: z.string(),
    issues: z.number().int(),
    open: z.number().int(),
    others: z.array(z.string()).meta({ description: 'The units of a leader’s lagging issues, or the leaders of a unit’s' }),
  })
  .meta({ id: 'MonthlyPackLagGroup' });

export const MonthlyPack = z
  .object({
    month: ReportPeriod,
    asOf: TimeText,
    totals: ReportTotals,
    units: z.array(ReportScoreRow),
    leaders: z.array(ReportScoreRow),
    lagging: z.array(MonthlyPackLaggingIssue),
    byLeader: z.array(MonthlyPackLagGroup),
    byUnit: z.array(MonthlyPackLagGroup),
    hotSpots: HotSpots,
    sections: Sections,
  })
  .meta({ id: 'MonthlyPack', description: '每月推进会: lagging issues with their leaders and units, the month’s 三率, hot spots, key projects' });

// ---- 申诉 ----

export const AppealReason = z.enum(['unreasonable', 'duplicate', 'malicious']).meta({ id: 'AppealReason' });

export const Appeal = z
  .object({
    id: z.string(),
    issueId: z.string(),
    number: z.string(),
    title: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    reason: AppealReason,
    text: z.string(),
    filedBy: z.string(),
    filedAt: Time,
    status: AppealStatus,
    decidedBy: z.string().nullable(),
    decidedAt: Time.nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'Appeal', description: "申诉: a unit's request that an issue be left out of its scores, and supervision's decision" });

export const AppealList = offsetPageOf(Appeal).meta({ id: 'AppealList' });

/**
 * A print view: a whole HTML document (UTF-8) laid out for the printer, every row and section,
 * each printed page headed by the title and period and numbered at its foot.
 */
export const PrintDocument = z.string().meta({ description: 'An HTML document for printing' });
