import { Alert } from 'antd';
import { ApiError } from '../api/client.ts';

/** A failed load shown in words, with the field the API named. */
export function ProblemAlert({ error }: { error: Error | null }) {
  if (!error) return null;
  const field = error instanceof ApiError ? error.problem.errors?.map((e) => `${e.field}: ${e.message}`).join('; ') : undefined;
  return <Alert type="error" showIcon title={error.message} description={field} style={{ marginBottom: 12 }} />;
}

/** One line of text for a failed action (for message.error). */
export function problemText(e: unknown): string {
  if (e instanceof ApiError) {
    const fields = e.problem.errors?.map((x) => `${x.field}: ${x.message}`).join('; ');
    return fields ? `${e.message} (${fields})` : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}
