/** The value at fraction `p` (0–1) of values sorted ascending, by the nearest rank below; undefined when there are none. */
export const quantile = (sorted: readonly number[], p: number): number | undefined => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
