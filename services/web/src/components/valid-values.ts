import type { FormInstance } from 'antd';

/**
 * The form's values once every field is valid; null while any is not. Ant Design then marks the
 * wrong fields in place, and the dialog stays open with what was typed: a submit that is not ready
 * is no error (awaiting `validateFields` alone would reject, uncaught, from an OK button).
 */
export async function validValues<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
