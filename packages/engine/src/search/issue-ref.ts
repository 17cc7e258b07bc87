/**
 * How a list of other issues names each one (search hits, similar problems, related issues): enough
 * to recognise and open it. Selects from `issues` joined to `enterprises`; the stage still needs
 * `$narrowType<{ stage: IssueStage }>()`.
 */
export const ISSUE_REF_COLUMNS = [
  'issues.id',
  'issues.number',
  'issues.title',
  'issues.stage',
  'issues.filed_at as filedAt',
  'issues.closed_at as closedAt',
  'issues.enterprise_id as enterpriseId',
  'enterprises.name as enterpriseName',
] as const;
