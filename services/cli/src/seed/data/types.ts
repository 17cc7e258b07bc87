/** A time limit as a category's policy states it. */
export type Limit = { amount: number; unit: 'workingDays' | 'workingHours' | 'hours' };

export type DemoRole = 'handler' | 'unit_head' | 'leader' | 'dispatcher' | 'supervisor' | 'admin';

/** A district-level leader (区级领导), assigned to key enterprises under 分包制. */
export type DemoLeader = { key: string; name: string; title: string };

/** A district department (区直单位). */
export type DemoUnit = { key: string; name: string; shortName: string };

/** A staff account. Email is `<login>@huiyin.local`; the password is `DEMO_PASSWORD`. */
export type DemoOfficial = {
  login: string;
  name: string;
  roles: DemoRole[];
  unitKey?: string;
  leaderKey?: string;
  email: string;
  phone: string;
};

export type DemoContact = { name: string; role: string; phone: string; email: string };

export type DemoEnterprise = {
  key: string;
  name: string;
  /** 统一社会信用代码, valid per GB 32100-2015. */
  creditCode: string;
  isKey: boolean;
  industry: string;
  address: string;
  contacts: DemoContact[];
  /** The enterprise's own account login; equal to `key`. */
  login: string;
};

/** 分包制: the leader and the unit (with its head) assigned to one key enterprise. */
export type DemoAssignment = { enterpriseKey: string; leaderKey: string; unitKey: string; unitHeadLogin: string };

type RatingTimeoutOutcome = 'close_unrated' | 'close_satisfied';

export type DemoCategory = {
  code: string;
  name: string;
  greenChannel: boolean;
  claimLimit: Limit;
  handlingLimit: Limit;
  supplementLimit: Limit;
  ratingLimit: Limit;
  ratingTimeoutOutcome: RatingTimeoutOutcome;
};

/** The lifecycle stage the seed drives a draft to. */
export type IssueTarget = 'submitted' | 'listed' | 'awaitingClaim' | 'returned' | 'inProgress' | 'answerReview' | 'answerSignOff' | 'resolved' | 'closed' | 'reopened' | 'withdrawn';

export type DemoRating = {
  resolved: 'yes' | 'partly' | 'no';
  satisfaction: 'satisfied' | 'basically' | 'dissatisfied';
};

export type DemoMilestone = { title: string; offsetWorkingDays: number };

/**
 * An issue for the seed to file and drive to `target`.
 *
 * Beside the fields it carries, the seed reads: the lead unit and leader (四明确; the time limit
 * comes from the category), the unit's answer from `answerReview` on, and the reason on a
 * return or a withdrawal.
 */
export type DemoIssueDraft = {
  enterpriseKey: string;
  categoryCode: string;
  /** The lead unit (主办) the dispatcher lists it to. */
  leadUnitKey: string;
  /** The enterprise's assigned leader; for a non-key enterprise, a deputy district head. */
  leaderKey: string;
  title: string;
  description: string;
  target: IssueTarget;
  /** Present (true) when the answer is "cannot be done as asked" and gives a way forward. */
  negative?: boolean;
  /** The unit's answer; present from `answerReview` on. When negative it states the way forward. */
  answer?: string;
  /** Present when `target` is `returned`: the unit's reason for returning it. */
  returnReason?: string;
  /** Present when `target` is `withdrawn`: the enterprise's reason. */
  withdrawReason?: string;
  /**
   * Always on `reopened` (dissatisfied). On `closed`, absent means it closed by the rating
   * timeout; on `resolved`, absent means the enterprise has not rated yet.
   */
  rating?: DemoRating;
  /** Milestone plan set at listing; offsets count working days from dispatch, ascending. */
  milestones: DemoMilestone[];
  /** Assisting units (协办); never the lead unit. */
  assistingUnitKeys: string[];
  /** Present (true) when handled in the green channel. */
  greenChannel?: boolean;
};

export type DemoDistrict = {
  name: string;
  leaders: DemoLeader[];
  units: DemoUnit[];
  officials: DemoOfficial[];
  enterprises: DemoEnterprise[];
  assignments: DemoAssignment[];
  categories: DemoCategory[];
  issues: DemoIssueDraft[];
};
