/**
 * What a process's GET /ready answers: every check at once, each given `ms` (@defaultValue 2000),
 * `ok` or why it did not answer; `ready` only when all are ok (503 otherwise, naming the one).
 */
export async function checkReadiness(checks: Record<string, () => Promise<unknown>>, ms = 2000) {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
      try {
        await Promise.race([check(), late]);
        return [name, 'ok'] as const;
      } catch (err) {
        return [name, err instanceof Error ? err.message || err.name : String(err)] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const ready = results.every(([, r]) => r === 'ok');
  return { status: ready ? ('ready' as const) : ('not_ready' as const), checks: Object.fromEntries(results) };
}
