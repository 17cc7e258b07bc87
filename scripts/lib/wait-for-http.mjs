/**
 * Polls `url` until it answers 200.
 * @param {string} url
 * @param {{ timeoutMs: number, intervalMs?: number, signal?: AbortSignal }} opts
 *   `signal` aborts the wait early (the process being waited for died).
 * @returns {Promise<{ ok: true } | { ok: false, reason: string }>}
 */
export async function waitForHttp(url, { timeoutMs, intervalMs = 250, signal }) {
  const deadline = Date.now() + timeoutMs;
  let reason = 'no answer';
  while (!signal?.aborted) {
    try {
      // Each try is bounded too: a server that accepts but never answers must not eat the budget.
      const perTry = AbortSignal.timeout(Math.max(1, Math.min(2000, deadline - Date.now())));
      const res = await fetch(url, { signal: signal ? AbortSignal.any([signal, perTry]) : perTry });
      await res.body?.cancel();
      if (res.status === 200) return { ok: true };
      reason = `last answer: HTTP ${res.status}`;
    } catch (err) {
      reason = `last error: ${err.cause?.code ?? err.cause?.message ?? err.message}`;
    }
    if (Date.now() + intervalMs > deadline) return { ok: false, reason: `no 200 within ${timeoutMs / 1000} s (${reason})` };
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return { ok: false, reason: 'aborted' };
}
