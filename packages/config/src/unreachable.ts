/** A server URL with its password masked, to print. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** The network error codes inside `err` (an AggregateError carries one per address tried). */
function codesOf(err: unknown): string[] {
  if (!err || typeof err !== 'object') return [];
  const own = 'code' in err && typeof err.code === 'string' ? [err.code] : [];
  const inner = err instanceof AggregateError ? err.errors.flatMap(codesOf) : [];
  const message = err instanceof Error && /timeout|timed out/i.test(err.message) ? ['ETIMEDOUT'] : [];
  return [...own, ...inner, ...message];
}

/**
 * One line a person can act on when a configured server does not answer (no stack trace): which
 * variable, which server (password masked), and what to do. Null when `err` is not about reaching it.
 */
export function unreachableLine(err: unknown, server: { what: string; variable: string; url: string; hint: string }): string | null {
  const codes = codesOf(err);
  const code = codes.find((c) => UNREACHABLE.has(c)) ?? (codes.includes('28P01') || codes.includes('28000') ? 'authentication failed' : undefined);
  if (!code) return null;
  return `Cannot reach ${server.what} at ${maskUrl(server.url)} (${server.variable}): ${code}. ${server.hint}`;
}
