/** A ratio with its parts, so every figure can be checked: `rate` is null when nothing was due. */
export type Rate = { num: number; den: number; rate: number | null };

export function rate(num: number, den: number): Rate {
  return { num, den, rate: den === 0 ? null : num / den };
}

/** `85.7%`, or `—` when nothing was due. */
export function percent(r: Rate): string {
  return r.rate === null ? '—' : `${(Math.round(r.rate * 1000) / 10).toFixed(1)}%`;
}
