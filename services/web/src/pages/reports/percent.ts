import type { Rate } from '../../api/report-types.ts';

/** `85.7%`, or `—` when nothing was due (the same rounding as the bulletin's XLSX). */
export function percent(r: Rate | null | undefined): string {
  return !r || r.rate === null ? '—' : `${(Math.round(r.rate * 1000) / 10).toFixed(1)}%`;
}

/** `85.7%（6/7）`: the figure with its parts, so each can be checked by hand. */
export function rateWithParts(r: Rate): string {
  return r.rate === null ? '—' : `${percent(r)}（${r.num}/${r.den}）`;
}
