/**
 * Polls `probe` until `ok` holds or `timeoutMs` passes, and returns the last value either way:
 * the caller's assertion on it then says what was missing.
 */
export async function until<T>(probe: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs: number, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
