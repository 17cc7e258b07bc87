import type { Actor, ResolvedAnswer, Satisfaction } from '@huiyin/domain';

export type AnswerOutcome = 'positive' | 'negative';

/** An assisting unit's (协办) task: it answers the lead unit, not the enterprise. */
export type AssistTask = { unitId: string; dueAt: string; answered: boolean };

/**
 * What the machine needs to know to decide. Details (reply texts, milestone rows) live in the
 * store; the context keeps the facts that guards and the status note read. Times are ISO strings.
 */
export type IssueContext = {
  issueId: string;
  enterpriseId: string;
  /** 首问责任: the official who recorded the issue on the enterprise's behalf, if any. */
  firstResponderId: string | null;
  greenChannel: boolean;
  leaderId: string | null;
  leadUnitId: string | null;
  assists: AssistTask[];
  /** The service centre's listing clock, from filing to dispatch (absent from issues filed before it). */
  listingDueAt?: string | null;
  claimDueAt: string | null;
  handlingDueAt: string | null;
  ratingDueAt: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  firstContactAt: string | null;
  returnCount: number;
  /** Units whose return was ruled against: the ruling is final, they may not return it again. */
  returnDeniedUnitIds: string[];
  returningUnitId: string | null;
  pendingExtension: boolean;
  extensionCount: number;
  milestonesReported: number;
  interimReplies: number;
  /** Information the enterprise added of its own accord while the issue was open. */
  informationAdded: number;
  /** The final answer under review or sent. */
  answer: { outcome: AnswerOutcome; reviewed: boolean; signedOff: boolean } | null;
  answersDelivered: number;
  ratingInvitations: number;
  reopenCount: number;
  pendingDocuments: number;
  duplicateOf: string | null;
  closedAs: 'rated' | 'rating_timeout' | 'struck_off' | null;
};

export type IssueInput = Pick<IssueContext, 'issueId' | 'enterpriseId' | 'firstResponderId' | 'greenChannel'> & {
  pendingDocuments?: number;
  listingDueAt?: string | null;
};

type Base = { actor: Actor; at: string };

/** Every event the issue machine accepts; `type` names as in docs/domain.md#commands. */
export type IssueEvent = Base &
  (
    | {
        type: 'list';
        leaderId: string;
        leadUnitId: string;
        assists: AssistTask[];
        greenChannel: boolean;
        pendingDocuments: number;
      }
    /** The assisting units' clocks start here too, each with its due time (`assists`). */
    | { type: 'dispatch'; claimDueAt: string; handlingDueAt: string; assists?: Array<{ unitId: string; dueAt: string }> }
    | { type: 'markDuplicate'; duplicateOf: string }
    | { type: 'claim' }
    | { type: 'return'; reason: string }
    | {
        type: 'ruleReturn';
        upheld: boolean;
        /** When upheld: the unit that takes it over, with its fresh clocks. */
        leadUnitId?: string;
        claimDueAt?: string;
        handlingDueAt?: string;
      }
    | { type: 'recordFirstContact' }
    | { type: 'reportMilestone' }
    | { type: 'interimReply' }
    | { type: 'requestInfo' }
    /**
     * Handling resumes with the paused time added to its due time, no more than is left of the
     * pause allowance (`pausedMs`, the credit, in the clock's measure).
     */
    | { type: 'supplyInfo'; handlingDueAt: string; pausedMs: number }
    | { type: 'addInformation' }
    | { type: 'resumeHandling'; handlingDueAt: string; pausedMs: number }
    | { type: 'supplyDocument'; remaining: number }
    | { type: 'requestExtension' }
    | { type: 'approveExtension'; handlingDueAt: string }
    | { type: 'denyExtension' }
    | { type: 'answerAssist' }
    | { type: 'resolve'; outcome: AnswerOutcome; wayForward: string | null }
    | { type: 'reviewAnswer'; approve: boolean; ratingDueAt: string }
    | { type: 'signOff'; approve: boolean; ratingDueAt: string }
    | { type: 'rate'; resolved: ResolvedAnswer; satisfaction: Satisfaction; claimDueAt: string; handlingDueAt: string }
    | { type: 'ratingTimeout'; ratingDueAt: string }
    /**
     * The category's policy or the calendar changed (system only): the running clocks' due times
     * as the rules now give them. Absent fields stay as they are.
     */
    | { type: 'recomputeDue'; listingDueAt?: string; claimDueAt?: string; handlingDueAt?: string; assists?: Array<{ unitId: string; dueAt: string }>; ratingDueAt?: string }
    | { type: 'withdraw'; reason: string }
    | { type: 'strikeOff'; reason: string }
  );

export type IssueEventType = IssueEvent['type'];
export type EventOf<T extends IssueEventType> = Extract<IssueEvent, { type: T }>;
