import { chance, pick, type Rng } from './prng.ts';
import type { DemoRating, IssueTarget } from './types.ts';

const ANSWERED: ReadonlySet<IssueTarget> = new Set(['answerReview', 'answerSignOff', 'resolved', 'closed', 'reopened']);

/** Whether a draft at this target carries the unit's answer. */
export function isAnswered(target: IssueTarget): boolean {
  return ANSWERED.has(target);
}

/**
 * Whether the answer is negative. A negative answer needs the leader's sign-off, so every
 * `answerSignOff` draft has one; some later ones do too.
 */
export function drawNegative(rng: Rng, target: IssueTarget): boolean {
  if (target === 'answerSignOff') return true;
  return (target === 'resolved' || target === 'closed' || target === 'reopened') && chance(rng, 0.15);
}

/**
 * The enterprise's rating: always on `reopened` (dissatisfied is what reopens it), on most
 * `closed` (the rest closed by the rating timeout), on some `resolved` (the rest not rated yet).
 */
export function drawRating(rng: Rng, target: IssueTarget, negative: boolean): DemoRating | undefined {
  if (target === 'reopened') return { resolved: chance(rng, 0.6) ? 'no' : 'partly', satisfaction: 'dissatisfied' };
  const rated = (target === 'closed' && chance(rng, 0.9)) || (target === 'resolved' && chance(rng, 0.6));
  if (!rated) return undefined;
  if (negative) {
    // A way forward the enterprise accepts: not (fully) solved, yet not dissatisfied.
    return { resolved: chance(rng, 0.6) ? 'partly' : 'no', satisfaction: pick(rng, ['basically', 'basically', 'satisfied'] as const) };
  }
  if (chance(rng, 0.75)) return { resolved: chance(rng, 0.9) ? 'yes' : 'partly', satisfaction: 'satisfied' };
  return { resolved: chance(rng, 0.5) ? 'yes' : 'partly', satisfaction: 'basically' };
}
