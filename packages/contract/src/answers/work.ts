import { z } from 'zod';
import { TimeLimit } from '../common.ts';
import { Time } from './common.ts';
import { IssueTrack } from './issues.ts';

/** An id as the database gives it (a UUID); not checked again on the way out. */
const Ref = z.string().meta({ format: 'uuid' });

/** One task of an official's inbox: an issue (or a key project's 督办单) waiting on them. */
export const Task = z
  .object({
    issueId: Ref.nullable().meta({ description: 'Null for a key project’s 督办单 (`projectId`)' }),
    number: z.string().meta({ description: 'The issue’s number; 重点项目 for a key project’s 督办单' }),
    title: z.string().meta({ description: 'The issue’s title, or the project’s name' }),
    enterpriseName: z.string(),
    task: z.enum(['list', 'ruleReturn', 'claim', 'handle', 'assist', 'review', 'signOff', 'extension', 'escalated', 'supervisionOrder', 'firstResponse']),
    dueAt: Time.nullable(),
    state: z.string().meta({ description: 'The issue’s (or the project’s) state' }),
    version: z.number().int(),
    track: IssueTrack,
    projectId: Ref.nullable().optional().meta({ description: 'The key project a 督办单 belongs to; null for an issue’s task' }),
  })
  .meta({ id: 'Task' });

/** An issue waiting to be listed (列单), with the four elements its assignment (or key project) prefills. */
export const IssueListingItem = z
  .object({
    id: Ref,
    number: z.string(),
    title: z.string(),
    state: z.string(),
    version: z.number().int(),
    filedAt: Time,
    listingDueAt: Time.nullable().meta({ description: 'When the listing is due (the listing clock); null for an issue filed before the clock existed' }),
    track: IssueTrack.meta({ description: 'The listing clock’s step so far' }),
    greenChannel: z.boolean(),
    enterpriseName: z.string(),
    isKey: z.boolean(),
    categoryName: z.string(),
    defaultTimeLimit: TimeLimit,
    milestonesRequiredFrom: TimeLimit.meta({ description: 'From which handling limit the listing needs a milestone plan' }),
    defaultLeaderId: Ref.nullable(),
    defaultLeaderName: z.string().nullable(),
    defaultLeadUnitId: Ref.nullable(),
    defaultLeadUnitName: z.string().nullable(),
    projectId: Ref.nullable().meta({ description: 'The key project the problem was handed over from' }),
    projectName: z.string().nullable(),
  })
  .meta({ id: 'IssueListingItem' });

/** One of a leader's enterprises (分包), with its open, overdue and escalated issue counts. */
export const LeaderEnterprise = z
  .object({
    id: Ref,
    name: z.string(),
    isKey: z.boolean(),
    industry: z.string(),
    unitId: Ref,
    unitName: z.string(),
    openIssues: z.number().int(),
    overdueIssues: z.number().int(),
    escalatedIssues: z.number().int(),
  })
  .meta({ id: 'LeaderEnterprise' });

/** An issue's 督办单, or a key project's (`projectId`; `issueId` and `number` null, `title` the project's name). */
export const SupervisionOrder = z
  .object({
    id: Ref,
    issueId: Ref.nullable(),
    number: z.string().nullable(),
    title: z.string(),
    projectId: Ref.nullable(),
    projectName: z.string().nullable(),
    clock: z
      .enum(['listing', 'claim', 'handling', 'supplement', 'rating', 'assist', 'milestone', 'report'])
      .nullable()
      .meta({ description: 'The clock whose track issued it; null for one supervision issued by hand (`issuedByName`)' }),
    issuedByName: z.string().nullable(),
    unitId: Ref.nullable(),
    unitName: z.string().nullable(),
    issuedAt: Time,
    dueAt: Time,
    requiredReply: z.string(),
    repliedAt: Time.nullable(),
    reply: z.string().nullable(),
    replyDueAt: Time,
    replyOverdue: z.boolean().meta({ description: 'Unanswered past `replyDueAt`, or answered late' }),
    escalatedAt: Time.nullable().meta({ description: 'When it escalated for an overdue reply' }),
    kind: z.enum(['supervision', 'governance']).meta({ description: '`governance`: a 主动治理 task covering `issueCount` issues, no `issueId` or `projectId`' }),
    issueCount: z.number().int().nullable().meta({ description: 'The issues a governance task covers; null for the other orders' }),
  })
  .meta({ id: 'SupervisionOrder' });

/** 主动治理: the governance task made of a cluster's issues. */
export const GovernanceTask = z
  .object({
    id: Ref,
    title: z.string(),
    unitId: Ref,
    unitName: z.string(),
    issuedAt: Time,
    dueAt: Time.meta({ description: 'Its reply is due: the usual 督办单 limit from now' }),
    requiredReply: z.string(),
    issues: z.array(z.object({ id: Ref, number: z.string() })),
  })
  .meta({ id: 'GovernanceTask' });

/** A 督办单 supervision issued by hand, and the issue's version after it. */
export const SupervisionOrderIssued = z
  .object({
    id: Ref,
    issueId: Ref,
    unitId: Ref.nullable(),
    issuedAt: Time,
    dueAt: Time,
    requiredReply: z.string(),
    version: z.number().int().meta({ description: 'The issue’s version after the order' }),
  })
  .meta({ id: 'SupervisionOrderIssued' });

export const SupervisionOrderReplied = z.object({ id: Ref, repliedAt: Time, onTime: z.boolean() }).meta({ id: 'SupervisionOrderReplied', description: 'A 督办单’s reply, in on time or late' });
