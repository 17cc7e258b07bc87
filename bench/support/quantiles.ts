/** How a set of samples spreads: the count, the median, the 99th percentile and the worst. */
export type Spread = { count: number; p50: number; p99: number; max: number };

export function spreadOf(samples: readonly number[]): Spread {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { count: s.length, p50: at(0.5), p99: at(0.99), max: s.at(-1) ?? 0 };
}
