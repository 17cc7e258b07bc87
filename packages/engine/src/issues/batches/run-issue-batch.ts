import { isDomainError, type ErrorCode } from '@huiyin/domain';

/** What became of one issue of a batch: done, or refused with the code and reason its own request would have got. */
export type BatchItemResult = {
  id: string;
  outcome: 'ok' | 'refused';
  /** After an `ok`: the issue's number, state and version. */
  number: string | null;
  state: string | null;
  version: number | null;
  code: ErrorCode | null;
  detail: string | null;
  field: string | null;
};

/**
 * Runs `one` on each distinct id in turn, each in its own transaction (the command's), so one
 * refusal leaves the others as they are and never half-writes them. A domain refusal is that
 * item's result; anything else (the database gone) stops the batch as it would stop one request.
 */
export async function runIssueBatch(ids: readonly string[], one: (id: string) => Promise<{ number: string; state: string; version: number }>): Promise<BatchItemResult[]> {
  const results: BatchItemResult[] = [];
  // A repeated id is done once: a second claim of the same issue would only be refused.
  for (const id of new Set(ids)) {
    try {
      const done = await one(id);
      results.push({ id, outcome: 'ok', ...done, code: null, detail: null, field: null });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      results.push({ id, outcome: 'refused', number: null, state: null, version: null, code: e.code, detail: e.message, field: e.field ?? null });
    }
  }
  return results;
}
