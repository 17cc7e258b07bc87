/**
 * Every stable error code the engine answers with (`area.what`). The API maps each to its HTTP
 * status and title in one table keyed by this union, so a new code does not compile until it
 * has its answer.
 */
export const ERROR_CODES = [
  'account.login_taken',
  'account.not_found',
  'account.password_weak',
  'account.password_wrong',
  'official.not_found',
  'password_reset.token_invalid',
  'appeal.already_decided',
  'appeal.exists',
  'appeal.not_found',
  'api_key.not_found',
  'notice_webhook.not_found',
  'attachment.not_found',
  'attachment.quota_exceeded',
  'attachment.too_large',
  'attachment.type_refused',
  'auth.bad_credentials',
  'auth.cross_origin',
  'auth.forbidden',
  'auth.locked',
  'auth.password_change_required',
  'auth.unauthenticated',
  'bulletin.not_found',
  'bulletin.period_taken',
  'calendar.day_not_declared',
  'category.not_found',
  'document.already_supplied',
  'enterprise.credit_code_taken',
  'enterprise.not_found',
  'idempotency.in_progress',
  'idempotency.key_reused',
  'issue.assist_already_answered',
  'issue.assisting_unit_repeated',
  'issue.assist_due_after_lead',
  'issue.assists_unanswered',
  'issue.due_unchanged',
  'issue.duplicate_of_closed',
  'issue.duplicate_of_itself',
  'issue.extension_after_due',
  'issue.extension_pending',
  'issue.extension_too_long',
  'issue.extensions_exhausted',
  'issue.first_contact_already_recorded',
  'issue.first_contact_missing',
  'issue.forbidden',
  'issue.lead_unit_also_assisting',
  'issue.milestones_required',
  'issue.no_documents_pending',
  'issue.no_extension_pending',
  'issue.pause_after_due',
  'issue.not_found',
  'issue.not_overdue',
  'issue.redispatch_same_unit',
  'issue.redispatch_unit_required',
  'issue.return_ruling_final',
  'issue.stale_version',
  'issue.supervision_order_open',
  'issue.governance_task_open',
  'issue.way_forward_required',
  'issue.wrong_state',
  'milestone.already_done',
  'milestone.forbidden',
  'milestone.not_found',
  'milestone.not_yet_due',
  'milestone.percent_decreased',
  'milestone.percent_out_of_range',
  'milestone.replan_in_past',
  'milestone.wrong_state',
  'notification.not_found',
  'project.completion_before_milestone',
  'project.completion_before_start',
  'project.forbidden',
  'project.milestone_after_completion',
  'project.milestones_open',
  'project.no_milestones',
  'project.not_found',
  'project.report_already_filed',
  'project.stale_version',
  'project.wrong_state',
  'reference.unknown',
  'request.body_too_large',
  'request.malformed',
  'reminder.limit_reached',
  'request.too_many',
  'request.unsupported_media_type',
  'route.not_found',
  'service.unavailable',
  'supervision_order.already_replied',
  'supervision_order.not_found',
  'validation.failed',
  'validation.invalid',
  'validation.required',
  'clock.not_found',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An expected refusal with a stable code (`issue.wrong_state`, `enterprise.credit_code_taken`);
 * `field` names the input at fault.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: { field?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = options.field;
    this.details = options.details ?? {};
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
