import { z } from 'zod';
import { Id } from './common.ts';
import { CalendarDate } from './calendar-inputs.ts';
import { IssueStage } from './answers/issues.ts';

const Bool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

/**
 * The filters every issue list takes (诉求查询, the listing queue, the overdue board): each narrows,
 * none widens what the reader may see. `filedFrom` and `filedTo` are Shanghai days, both included.
 */
export const IssueListFilter = z.object({
  // The answers' stages, inline: a named enum here would add an `IssueStageInput` component.
  stage: z.enum(IssueStage.options).optional().meta({ description: 'The issue’s stage (状态)' }),
  open: Bool.meta({ description: '`true`: not yet ended; `false`: ended' }),
  categoryId: Id.optional(),
  enterpriseId: Id.optional(),
  leaderId: Id.optional().meta({ description: 'The 分包 leader (in the listing queue: the one the issue would default to)' }),
  unitId: Id.optional().meta({ description: 'The lead unit (in the listing queue: the one the issue would default to)' }),
  filedFrom: CalendarDate.optional().meta({ description: 'Filed on or after this day (Asia/Shanghai)' }),
  filedTo: CalendarDate.optional().meta({ description: 'Filed on or before this day (Asia/Shanghai)' }),
});
export type IssueListFilter = z.infer<typeof IssueListFilter>;

/** The columns the issue list sorts by on the server. */
export const ISSUE_SORTS = ['filedAt', 'number', 'dueAt', 'stage'] as const;
export const IssueListSort = z.object({
  sort: z.enum(ISSUE_SORTS).default('filedAt').meta({ description: 'filedAt (default), number, dueAt (the handling due time, else the expected one), stage' }),
  order: z.enum(['asc', 'desc']).default('desc'),
});
