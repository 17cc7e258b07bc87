import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

/**
 * Marks the fields a refusal names (a problem's `errors`, RFC 9457) on the form, beside what was
 * typed, where the person looks: a part of a field (`amount.amount`) on the field. Fields the
 * form does not have stay in the toast's text only.
 */
export function markFieldErrors(form: FormInstance, e: unknown, names: readonly string[]): void {
  if (!(e instanceof ApiError)) return;
  const named = (e.problem.errors ?? []).flatMap((x) => {
    const name = x.field?.split('.')[0];
    return name !== undefined && names.includes(name) ? [{ name, errors: [x.message ?? e.message] }] : [];
  });
  if (named.length > 0) form.setFields(named);
}
