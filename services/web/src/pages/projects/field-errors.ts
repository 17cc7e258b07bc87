import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client.ts';

/** `milestones.0.dueOn` → `['milestones', 0, 'dueOn']`, as Ant Design names a form field. */
function namePath(field: string): Array<string | number> {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts a refused write's problem+json next to the fields it names (RFC 9457 `errors[].field`)
 * and returns what no field of this form can show (a stale version, a wrong state, a refusal),
 * for an alert above the form. `fields` are the form's top-level names; `alias` maps an API
 * field to the form's name for it when they differ.
 */
export function showProblem(form: FormInstance, error: unknown, fields: string[], alias: Record<string, string> = {}): string | null {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const rest: string[] = [];
  const placed: Array<{ name: Array<string | number>; errors: string[] }> = [];
  for (const e of error.problem.errors ?? []) {
    const field = e.field ? (alias[e.field] ?? e.field) : '';
    const path = namePath(field);
    if (field && fields.includes(String(path[0]))) placed.push({ name: path, errors: [e.message ?? error.message] });
    else rest.push(e.field ? `${e.field}: ${e.message ?? ''}` : (e.message ?? ''));
  }
  if (placed.length) form.setFields(placed);
  if (placed.length && rest.length === 0) return null;
  return rest.length ? `${error.message} (${rest.join('; ')})` : error.message;
}
