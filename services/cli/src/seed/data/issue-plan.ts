import { DEFAULT_MILESTONES_REQUIRED_FROM } from '@huiyin/domain';
import { chance, itemAt, pickWeighted, sample, type Rng } from './prng.ts';
import type { DemoCategory, DemoMilestone } from './types.ts';
import { handlingUnitKeys, unitKey, type UnitAlias } from './units.ts';

/**
 * 0–3 milestones taken in order from the category's steps, at distinct ascending working-day
 * offsets within the handling limit. A limit in hours gives at most one, on the day itself. From
 * the default `milestonesRequiredFrom` (5 working days) on, the plan has at least one milestone.
 */
export function drawMilestones(rng: Rng, steps: readonly string[], category: DemoCategory): DemoMilestone[] {
  const limit = category.handlingLimit;
  const inDays = limit.unit === 'workingDays';
  const required = inDays && limit.amount >= DEFAULT_MILESTONES_REQUIRED_FROM.amount && steps.length > 0 ? 1 : 0;
  const most = Math.min(inDays ? 3 : 1, steps.length, inDays ? limit.amount : 1);
  const count = Math.min(
    most,
    required +
      pickWeighted(rng, [
        [0, 2],
        [1, 2.5],
        [2, 3],
        [3, 2.5],
      ] as const),
  );
  const stepIndexes = sample(
    rng,
    steps.map((_, i) => i),
    count,
  ).sort((a, b) => a - b);
  const offsets = inDays
    ? sample(
        rng,
        Array.from({ length: limit.amount }, (_, i) => i + 1),
        count,
      ).sort((a, b) => a - b)
    : stepIndexes.map(() => 0);
  return stepIndexes.map((step, i) => ({ title: itemAt(steps, step), offsetWorkingDays: itemAt(offsets, i) }));
}

/** Assisting units for about three drafts in ten: one or two handling units other than the lead. */
export function drawAssisting(rng: Rng, candidates: readonly UnitAlias[], leadUnitKey: string): string[] {
  if (!chance(rng, 0.3)) return [];
  const handling = new Set(handlingUnitKeys());
  const keys = candidates.map(unitKey).filter((key) => key !== leadUnitKey && handling.has(key));
  return sample(rng, [...new Set(keys)], chance(rng, 0.7) ? 1 : 2);
}
