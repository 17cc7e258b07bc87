import type { IssueTarget } from './types.ts';

/** Every target, with its share of 300 drafts: most are in progress or closed. */
const WEIGHTS: readonly (readonly [IssueTarget, number])[] = [
  ['submitted', 12],
  ['listed', 10],
  ['awaitingClaim', 15],
  ['returned', 8],
  ['inProgress', 80],
  ['answerReview', 14],
  ['answerSignOff', 10],
  ['resolved', 25],
  ['closed', 100],
  ['reopened', 14],
  ['withdrawn', 12],
];

/** The least number of drafts per target, once there are enough drafts to give it. */
export const MIN_PER_TARGET = 5;

/**
 * How many drafts go to each target, in lifecycle order, summing to `count`. Each target gets
 * at least {@link MIN_PER_TARGET} when `count` allows (≥ 55); the rest follows the weights by
 * largest remainder. Below that, targets take turns.
 */
export function allocateTargets(count: number): Array<[IssueTarget, number]> {
  const floor = count >= MIN_PER_TARGET * WEIGHTS.length ? MIN_PER_TARGET : 0;
  if (floor === 0) {
    return WEIGHTS.map(([target], i) => [target, Math.floor(count / WEIGHTS.length) + (i < count % WEIGHTS.length ? 1 : 0)]);
  }
  const spare = count - floor * WEIGHTS.length;
  const extra = WEIGHTS.map(([, weight]) => weight - floor);
  const total = extra.reduce((a, b) => a + b, 0);
  const exact = extra.map((w) => (w * spare) / total);
  const counts = exact.map(Math.floor);
  let left = spare - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return WEIGHTS.map(([target], i) => [target, floor + (counts[i] ?? 0)]);
}
