import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDomainError, type ErrorCode } from '@huiyin/domain';

type Entry = { status: number; title: string };

/**
 * Every error code and its HTTP answer, in one table keyed by `ErrorCode`: a code without its
 * answer does not compile. An unmet condition of an issue, project or milestone is a 409. Any
 * other error is a 500, logged with the request id.
 */
const PROBLEMS: Record<ErrorCode, Entry> = {
  'account.login_taken': { status: 409, title: 'Login already taken' },
  'appeal.already_decided': { status: 409, title: 'Appeal already decided' },
  'appeal.exists': { status: 409, title: 'An appeal on this issue is already pending or accepted' },
  'appeal.not_found': { status: 404, title: 'Appeal not found' },
  'api_key.not_found': { status: 404, title: 'API key not found' },
  'notice_webhook.not_found': { status: 404, title: 'Group robot not found' },
  'attachment.not_found': { status: 404, title: 'Attachment not found' },
  'attachment.too_large': { status: 413, title: 'Attachment too large' },
  'attachment.type_refused': { status: 415, title: 'Attachment type not accepted' },
  'auth.bad_credentials': { status: 401, title: 'Wrong login or password' },
  'auth.cross_origin': { status: 403, title: 'Cross-origin request refused' },
  'auth.forbidden': { status: 403, title: 'Forbidden' },
  'auth.locked': { status: 423, title: 'Account locked for a while' },
  'auth.unauthenticated': { status: 401, title: 'Sign in first' },
  'bulletin.not_found': { status: 404, title: 'Bulletin not found' },
  'bulletin.period_taken': { status: 409, title: 'This period already has a bulletin: ask for a revision on purpose' },
  'calendar.day_not_declared': { status: 404, title: 'No declaration for this date' },
  'category.not_found': { status: 404, title: 'Category not found' },
  'document.already_supplied': { status: 409, title: 'Condition not met' },
  'enterprise.credit_code_taken': { status: 409, title: 'Credit code already registered' },
  'enterprise.not_found': { status: 404, title: 'Enterprise not found' },
  'idempotency.in_progress': { status: 409, title: 'A request with this Idempotency-Key is still running' },
  'idempotency.key_reused': { status: 409, title: 'Idempotency-Key reused with another body' },
  'issue.assist_already_answered': { status: 409, title: 'Condition not met' },
  'issue.assisting_unit_repeated': { status: 409, title: 'Condition not met' },
  'issue.assist_due_after_lead': { status: 422, title: "An assisting unit's due time must fall before the lead unit's" },
  'issue.assists_unanswered': { status: 409, title: 'Condition not met' },
  'issue.due_unchanged': { status: 409, title: 'Condition not met' },
  'issue.duplicate_of_closed': { status: 409, title: 'Condition not met' },
  'issue.duplicate_of_itself': { status: 409, title: 'Condition not met' },
  'issue.extension_after_due': { status: 409, title: 'Condition not met' },
  'issue.extension_pending': { status: 409, title: 'Condition not met' },
  'issue.extension_too_long': { status: 422, title: 'Extension longer than allowed (the category bound, or the limit in force)' },
  'issue.extensions_exhausted': { status: 422, title: 'No extension left for this issue' },
  'issue.first_contact_already_recorded': { status: 409, title: 'Condition not met' },
  'issue.first_contact_missing': { status: 409, title: 'Condition not met' },
  'issue.forbidden': { status: 403, title: 'Not yours to do' },
  'issue.lead_unit_also_assisting': { status: 409, title: 'Condition not met' },
  'issue.milestones_required': { status: 422, title: 'A milestone plan is required for this time limit' },
  'issue.no_documents_pending': { status: 409, title: 'Condition not met' },
  'issue.no_extension_pending': { status: 409, title: 'Condition not met' },
  'issue.pause_after_due': { status: 409, title: 'Handling time already over: no pause' },
  'issue.not_found': { status: 404, title: 'Issue not found' },
  'issue.not_overdue': { status: 409, title: 'Condition not met' },
  'issue.redispatch_same_unit': { status: 409, title: 'Condition not met' },
  'issue.redispatch_unit_required': { status: 409, title: 'Condition not met' },
  'issue.return_ruling_final': { status: 409, title: 'Condition not met' },
  'issue.stale_version': { status: 409, title: 'Stale version' },
  'issue.supervision_order_open': { status: 409, title: 'Condition not met' },
  'issue.governance_task_open': { status: 409, title: 'An issue is already in an open governance task' },
  'issue.way_forward_required': { status: 409, title: 'Condition not met' },
  'issue.wrong_state': { status: 409, title: 'Wrong state for this action' },
  'milestone.already_done': { status: 409, title: 'Condition not met' },
  'milestone.forbidden': { status: 403, title: 'Not yours to do' },
  'milestone.not_found': { status: 404, title: 'Milestone not found' },
  'milestone.not_yet_due': { status: 409, title: 'Condition not met' },
  'milestone.percent_decreased': { status: 409, title: 'Condition not met' },
  'milestone.percent_out_of_range': { status: 409, title: 'Condition not met' },
  'milestone.replan_in_past': { status: 409, title: 'Condition not met' },
  'milestone.wrong_state': { status: 409, title: 'Wrong state for this action' },
  'notification.not_found': { status: 404, title: 'Notification not found' },
  'project.completion_before_milestone': { status: 409, title: 'Condition not met' },
  'project.completion_before_start': { status: 409, title: 'Condition not met' },
  'project.forbidden': { status: 403, title: 'Not yours to do' },
  'project.milestone_after_completion': { status: 409, title: 'Condition not met' },
  'project.milestones_open': { status: 409, title: 'Condition not met' },
  'project.no_milestones': { status: 409, title: 'Condition not met' },
  'project.not_found': { status: 404, title: 'Project not found' },
  'project.report_already_filed': { status: 409, title: 'Condition not met' },
  'project.stale_version': { status: 409, title: 'Stale version' },
  'project.wrong_state': { status: 409, title: 'Wrong state for this action' },
  'reference.unknown': { status: 422, title: 'Unknown reference' },
  'request.body_too_large': { status: 413, title: 'Request body too large' },
  'request.malformed': { status: 400, title: 'Malformed request' },
  'request.too_many': { status: 429, title: 'Too many requests' },
  'request.unsupported_media_type': { status: 415, title: 'Unsupported media type' },
  'route.not_found': { status: 404, title: 'No such route' },
  'service.unavailable': { status: 503, title: 'Service temporarily unavailable' },
  'supervision_order.already_replied': { status: 409, title: 'Already replied' },
  'supervision_order.not_found': { status: 404, title: 'Supervision order not found' },
  'validation.failed': { status: 400, title: 'Invalid request' },
  'validation.invalid': { status: 400, title: 'Invalid field' },
  'validation.required': { status: 400, title: 'Missing field' },
  'clock.not_found': { status: 404, title: 'Clock not found' },
  'account.not_found': { status: 404, title: 'Account not found' },
  'account.password_weak': { status: 422, title: 'Password too easy to guess' },
  'account.password_wrong': { status: 403, title: 'Current password is wrong' },
  'attachment.quota_exceeded': { status: 429, title: 'Daily upload quota reached' },
  'auth.password_change_required': { status: 403, title: 'Change your password first' },
  'official.not_found': { status: 404, title: 'Official not found' },
  'reminder.limit_reached': { status: 429, title: 'Reminder already pressed today' },
  'password_reset.token_invalid': { status: 400, title: 'Reset link unknown, used or expired' },
};

/** The HTTP status of each error code (the Open311 routes answer in the standard's error list). */
export const PROBLEM_STATUS = Object.fromEntries(Object.entries(PROBLEMS).map(([code, entry]) => [code, entry.status])) as Record<ErrorCode, number>;

export function sendProblem(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, detail: string, extra: Record<string, unknown> = {}) {
  const entry = PROBLEMS[code];
  return reply
    .status(entry.status)
    .type('application/problem+json')
    .send({ type: `https://huiyin.dev/problems/${code}`, title: entry.title, status: entry.status, detail, instance: request.url, code, ...extra });
}

/** RFC 9457 problem+json for everything that goes wrong; a 500 is logged as a bug. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const all = error.validation.flatMap((v) => {
      const at = [where === 'body' ? '' : where, ...v.instancePath.split('/').filter(Boolean)];
      // A strict body names each field it does not know, rather than the object holding them.
      const unknown = v.keyword === 'unrecognized_keys' ? ((v.params as { keys?: string[] }).keys ?? []) : [];
      if (unknown.length > 0) return unknown.map((key) => ({ field: [...at, key].filter(Boolean).join('.'), message: 'unknown field' }));
      return [{ field: at.filter(Boolean).join('.') || where, message: v.message ?? 'invalid' }];
    });
    // One entry per field, its first complaint: a time that is not a time is not also out of range.
    const errors = all.filter((e, i) => all.findIndex((x) => x.field === e.field) === i);
    const fields = errors.map((e) => e.field).join(', ');
    return sendProblem(reply, request, 'validation.failed', `invalid ${fields}`, { errors });
  }
  if (isDomainError(error)) {
    const errors = error.field ? [{ field: error.field, message: error.message }] : undefined;
    return sendProblem(reply, request, error.code, error.message, { ...(errors ? { errors } : {}), ...error.details });
  }
  const status = error.statusCode ?? 500;
  if (error.code === 'FST_REQ_FILE_TOO_LARGE' || (status === 413 && request.isMultipart())) {
    return sendProblem(reply, request, 'attachment.too_large', 'the file is larger than the limit', { errors: [{ field: 'file', message: 'too large' }] });
  }
  if (status === 413) return sendProblem(reply, request, 'request.body_too_large', `the request body is larger than ${BODY_LIMIT_BYTES} bytes`);
  if (status === 415) return sendProblem(reply, request, 'request.unsupported_media_type', error.message);
  if (status === 429) return sendProblem(reply, request, 'request.too_many', error.message);
  if (status === 400) {
    // Fastify's own 400s (malformed or empty JSON, a bad Content-Length): a problem with a code.
    return sendProblem(reply, request, 'request.malformed', error.message, { errors: [{ field: 'body', message: error.message }] });
  }
  if (status > 400 && status < 500) {
    // Any other 4xx of Fastify or a plugin keeps its status, with its own code.
    return reply
      .status(status)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: 'Request refused', status, detail: error.message, instance: request.url, code: error.code ?? 'request.refused' });
  }
  if (isConnectionLoss(error)) {
    // The database went away (restart, failover, network): nothing was committed that a retry
    // with the same Idempotency-Key would repeat, so the client is told to come back, not that we broke.
    request.log.warn({ err: { message: error.message, code: error.code } }, 'database unavailable');
    reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return sendProblem(reply, request, 'service.unavailable', 'the database is unavailable for a moment; retry after the Retry-After seconds (with the same Idempotency-Key)');
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply
    .status(500)
    .type('application/problem+json')
    .send({ type: 'about:blank', title: 'Internal error', status: 500, detail: `request ${request.id} failed; it has been logged`, instance: request.url });
}

/** The largest JSON body the API reads (multipart uploads have their own limit). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Seconds a client is asked to wait when the database is unreachable. */
const RETRY_AFTER_SECONDS = 2;

// Socket errors of the connection to PostgreSQL, and the server's own words for going away:
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections
// (the server is full for the moment), class 08 connection exceptions.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTCONN', '57P01', '57P02', '57P03', '53300']);
const CONNECTION_MESSAGES = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Connection terminated unexpectedly)/;

/** Whether an error (or one it wraps) is the loss of the database connection, not a fault in a request. */
function isConnectionLoss(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
    if (e instanceof AggregateError && e.errors.some((inner) => isConnectionLoss(inner))) return true;
  }
  return false;
}
