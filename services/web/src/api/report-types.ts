/** Shapes of the reports endpoints, from the contract (services/api/src/routes/reports.ts, appeals.ts). */

import type {
  Answer,
  Appeal as AppealAnswer,
  AppealList as AppealListAnswer,
  AppealReason as AppealReasonAnswer,
  AppealStatus as AppealStatusAnswer,
  Bulletin as BulletinAnswer,
  BulletinAppealLine,
  BulletinGenerated as BulletinGeneratedAnswer,
  BulletinLateOrder,
  BulletinList as BulletinListAnswer,
  BulletinProjectSection,
  BulletinRedCard,
  BulletinScoreRow,
  BulletinSummary as BulletinSummaryAnswer,
  HotSpots as HotSpotsAnswer,
  MonthlyPack as MonthlyPackAnswer,
  MonthlyPackLaggingIssue,
  OpenList as OpenListAnswer,
  OpenListGroup,
  OpenListItem,
  ReportRate,
  ScorecardPoint as ScorecardPointAnswer,
  Scorecards as ScorecardsAnswer,
} from '@huiyin/contract';

/** A ratio with its parts; `rate` is null when nothing was due. */
export type Rate = Answer<typeof ReportRate>;
/** A unit's or leader's row; `firstContactRate` is absent from bulletins frozen before first contact was measured. */
export type ScoreRow = Answer<typeof BulletinScoreRow>;
export type RedCard = Answer<typeof BulletinRedCard>;
export type AppealLine = Answer<typeof BulletinAppealLine>;
/** A 督办单 not answered by its reply due time. */
export type LateOrder = Answer<typeof BulletinLateOrder>;
/** `sections.projects` of a bulletin or the monthly pack (packages/engine projectBulletinSection). */
export type ProjectSectionData = Answer<typeof BulletinProjectSection>;

export type BulletinSummary = Answer<typeof BulletinSummaryAnswer>;
export type BulletinList = Answer<typeof BulletinListAnswer>;
export type Bulletin = Answer<typeof BulletinAnswer>;
export type BulletinGenerated = Answer<typeof BulletinGeneratedAnswer>;

export type ScorecardPoint = Answer<typeof ScorecardPointAnswer>;
export type Scorecards = Answer<typeof ScorecardsAnswer>;

export type HotSpots = Answer<typeof HotSpotsAnswer>;

export type AppealStatus = Answer<typeof AppealStatusAnswer>;
export type AppealReason = Answer<typeof AppealReasonAnswer>;
export type Appeal = Answer<typeof AppealAnswer>;
export type AppealList = Answer<typeof AppealListAnswer>;

/** 未办结事项清单: groups with their counts, items paged by offset. */
export type OpenList = Answer<typeof OpenListAnswer>;
export type OpenGroup = Answer<typeof OpenListGroup>;
export type OpenItem = Answer<typeof OpenListItem>;

export type LaggingIssue = Answer<typeof MonthlyPackLaggingIssue>;
export type MonthlyPack = Answer<typeof MonthlyPackAnswer>;
