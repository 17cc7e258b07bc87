import { z } from 'zod';
import { RESOLVED_ANSWERS, SATISFACTIONS, TRACK_STEPS } from '@huiyin/domain';
import { Limit, Time } from './common.ts';

/** The top of an issue's state path (`inProgress` for `inProgress.working`): what lists filter by. */
export const IssueStage = z
  .enum(['submitted', 'listed', 'awaitingClaim', 'returned', 'inProgress', 'answerReview', 'answerSignOff', 'resolved', 'reopened', 'closed', 'withdrawn', 'duplicate'])
  .meta({ id: 'IssueStage' });
export type IssueStage = z.infer<typeof IssueStage>;

export const IssueTrack = z
  .enum(TRACK_STEPS)
  .meta({ id: 'IssueTrack', description: 'The worst step of the running clocks: on time, reminded, yellow card, red card, escalated to the leader, to supervision' });

/** An id as the database gives it (a UUID); not checked again on the way out. */
const Ref = z.string().meta({ format: 'uuid' });
const dueTime = (description: string) => Time.nullable().meta({ description });

/** One issue in a list: what the tables and boards show. */
export const IssueSummary = z
  .object({
    id: Ref,
    number: z.string().meta({ description: 'The issue number, e.g. 2026-000123' }),
    title: z.string(),
    state: z.string().meta({ description: 'The dotted state path, e.g. inProgress.working' }),
    stage: IssueStage,
    statusNote: z.string().meta({ description: 'Where the issue stands, in words for the enterprise' }),
    version: z.number().int().meta({ description: 'Send as `expectedVersion` with the next action' }),
    track: IssueTrack,
    greenChannel: z.boolean(),
    filedAt: Time,
    expectedDueAt: Time.meta({ description: 'When the enterprise may expect its answer' }),
    listingDueAt: dueTime('The listing clock’s due time, filing to dispatch; null for issues filed before it'),
    pressingDueAt: dueTime('The due time of the most pressing running clock (listing, claim or handling); null when none runs'),
    claimDueAt: dueTime('The claim clock’s due time'),
    handlingDueAt: dueTime('The handling clock’s due time'),
    ratingDueAt: dueTime('The rating clock’s due time'),
    closedAt: Time.nullable(),
    enterpriseId: Ref,
    enterpriseName: z.string(),
    categoryName: z.string(),
    leadUnitId: Ref.nullable(),
    leadUnitName: z.string().nullable(),
    leaderId: Ref.nullable(),
    leaderName: z.string().nullable(),
  })
  .meta({ id: 'IssueSummary' });

export const IssueAssist = z
  .object({
    unitId: Ref,
    unitName: z.string(),
    dueAt: Time,
    answeredAt: Time.nullable(),
    answer: z.string().nullable().optional().meta({ description: 'The assisting unit’s answer; officials only' }),
  })
  .meta({ id: 'IssueAssist', description: '协办: an assisting unit and its answer to the lead unit' });

export const IssueMilestone = z
  .object({ id: Ref, seq: z.number().int(), title: z.string(), dueAt: Time, doneAt: Time.nullable(), note: z.string().nullable() })
  .meta({ id: 'IssueMilestone', description: 'One step of the handling plan' });

export const IssuePendingDocument = z
  .object({ id: Ref, name: z.string(), dueAt: Time, suppliedAt: Time.nullable() })
  .meta({ id: 'IssuePendingDocument', description: '容缺: a document the enterprise may supply after handling started' });

export const IssueReply = z
  .object({
    id: Ref,
    kind: z.enum(['interim', 'final', 'info_request', 'first_contact', 'assist']),
    body: z.string(),
    outcome: z.enum(['positive', 'negative']).nullable().meta({ description: 'Of a final answer' }),
    wayForward: z.string().nullable(),
    status: z.enum(['draft', 'sent', 'rejected', 'internal']).meta({ description: 'The enterprise sees sent replies only' }),
    createdAt: Time,
    sentAt: Time.nullable(),
  })
  .meta({ id: 'IssueReply' });

export const IssueRating = z
  .object({
    round: z.number().int(),
    resolved: z.enum(RESOLVED_ANSWERS).nullable().meta({ description: 'Null when the rating clock ran out' }),
    satisfaction: z.enum(SATISFACTIONS).nullable(),
    comment: z.string().nullable(),
    source: z.enum(['enterprise', 'rating_timeout', 'struck_off']),
    ratedAt: Time,
  })
  .meta({ id: 'IssueRating' });

export const IssueAttachment = z
  .object({ id: Ref, filename: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), createdAt: Time })
  .meta({ id: 'IssueAttachment', description: 'A file attached to the issue: download it from /api/v1/attachments/{id}' });

/** One issue with its four elements, plan, replies, ratings and attachments, as the reader may see it. */
export const IssueDetail = IssueSummary.extend({
  description: z.string(),
  channel: z.string(),
  duplicateOf: Ref.nullable().meta({ description: 'The open original this one was merged into' }),
  firstResponderId: Ref.nullable(),
  firstResponder: z.object({ id: Ref, name: z.string() }).nullable().meta({ description: '首问责任人: the official who recorded the problem for the enterprise' }),
  projectId: Ref.nullable().meta({ description: 'The key project the problem was handed over from' }),
  timeLimit: Limit,
  timeLimitSource: z.enum(['dispatcher', 'category', 'green_channel']),
  extensionBounds: z.object({ maxExtension: Limit, maxExtensions: z.number().int(), granted: z.number().int() }).optional().meta({ description: 'How far the unit may still extend; officials only' }),
  duplicates: z.array(z.object({ id: Ref, number: z.string(), title: z.string() })).meta({ description: 'The issues merged into this one (合并办理)' }),
  assists: z.array(IssueAssist),
  milestones: z.array(IssueMilestone),
  pendingDocuments: z.array(IssuePendingDocument),
  replies: z.array(IssueReply),
  ratings: z.array(IssueRating),
  attachments: z.array(IssueAttachment),
  provisional: z.boolean().meta({ description: 'A due time is counted through a year with no declared holidays and may still move' }),
  undeclaredYears: z.array(z.number().int()),
  chainHead: z
    .object({ seq: z.number().int(), hash: z.string() })
    .nullable()
    .meta({ description: 'The last event of the issue’s hash chain: a signed ledger checkpoint covers it once made (docs/api.md#ledger-checkpoints)' }),
}).meta({ id: 'IssueDetail' });

/** The answer to a filing: at once, with the number and the expected due time. */
export const IssueFiled = z
  .object({
    id: Ref,
    number: z.string(),
    state: z.string(),
    statusNote: z.string(),
    expectedDueAt: Time,
    filedAt: Time,
    version: z.number().int(),
  })
  .meta({ id: 'IssueFiled' });

/** What every issue action answers: the issue after the step, and the event recorded. */
export const IssueStep = z
  .object({
    id: Ref,
    number: z.string(),
    state: z.string(),
    statusNote: z.string(),
    version: z.number().int(),
    event: z.string().meta({ description: 'The type of the event recorded on the ledger' }),
    claimDueAt: Time.nullable(),
    handlingDueAt: Time.nullable(),
    ratingDueAt: Time.nullable(),
  })
  .meta({ id: 'IssueStep' });

/** Who acted on a ledger event; the enterprise sees only the kind and an official's roles. */
export const TimelineActor = z
  .looseObject({
    kind: z.enum(['enterprise', 'official', 'system']),
    roles: z.array(z.string()).optional(),
    officialId: Ref.optional(),
    unitId: Ref.nullable().optional(),
    enterpriseId: Ref.optional(),
    accountId: Ref.optional(),
  })
  .meta({ id: 'TimelineActor' });

export const TimelineEvent = z
  .object({
    seq: z.number().int(),
    type: z.string(),
    at: Time,
    stateAfter: z.string(),
    payload: z.record(z.string(), z.unknown()).meta({ description: 'The facts of the event; for the enterprise only those meant for it' }),
    actor: TimelineActor.nullable(),
    hash: z.string().meta({ description: 'sha256 of the previous event’s hash and this event’s full content, hex: its link in the issue’s hash chain (docs/api.md#ledger-checkpoints)' }),
  })
  .meta({ id: 'TimelineEvent', description: 'One event of an issue’s ledger' });

export const IssueTimeline = z.array(TimelineEvent);
