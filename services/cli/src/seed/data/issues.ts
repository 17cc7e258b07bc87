import { drawAssisting, drawMilestones } from './issue-plan.ts';
import { drawNegative, drawRating, isAnswered } from './issue-outcome.ts';
import { drawSlots, fill } from './issue-slots.ts';
import { allocateTargets } from './issue-stages.ts';
import { CLOSINGS, RETURN_REASONS, WITHDRAW_REASONS, categoryText } from './issue-texts/index.ts';
import { chance, pick, pickWeighted, shuffle, type Rng } from './prng.ts';
import type { DemoAssignment, DemoCategory, DemoEnterprise, DemoIssueDraft, DemoUnit, IssueTarget } from './types.ts';
import { unitKey } from './units.ts';

/** How often each category comes up; the green channel is for the urgent few. */
const CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  land_planning: 12,
  approvals: 12,
  financing: 10,
  employment: 10,
  utilities: 12,
  policy_payout: 14,
  infrastructure: 10,
  market_access: 7,
  other: 8,
  green_channel: 5,
};

export type IssueContext = {
  enterprises: readonly DemoEnterprise[];
  assignments: readonly DemoAssignment[];
  units: readonly DemoUnit[];
  categories: readonly DemoCategory[];
  /** Leaders who take the issues of enterprises without an assignment. */
  fallbackLeaderKeys: readonly string[];
};

type Pools = {
  keyEnterprises: readonly DemoEnterprise[];
  others: readonly DemoEnterprise[];
  leaderOf: ReadonlyMap<string, string>;
  categories: readonly (readonly [DemoCategory, number])[];
};

function draftIssue(rng: Rng, target: IssueTarget, ctx: IssueContext, pools: Pools): DemoIssueDraft {
  // About one issue in eight comes from an enterprise outside the 85.
  const enterprise = pick(rng, pools.others.length > 0 && chance(rng, 0.12) ? pools.others : pools.keyEnterprises);
  const category = pickWeighted(rng, pools.categories);
  const text = categoryText(category.code);
  const template = pick(rng, text.templates);
  const leadUnitKey = unitKey(template.unit ?? text.unit);
  const leadUnit = ctx.units.find((u) => u.key === leadUnitKey);
  const slots = drawSlots(rng, leadUnit?.shortName ?? '');
  const planned = target !== 'submitted';
  const negative = drawNegative(rng, target);
  const rating = drawRating(rng, target, negative);
  const greenChannel = category.greenChannel || (enterprise.isKey && chance(rng, 0.03));
  return {
    enterpriseKey: enterprise.key,
    categoryCode: category.code,
    leadUnitKey,
    leaderKey: pools.leaderOf.get(enterprise.key) ?? pick(rng, ctx.fallbackLeaderKeys),
    title: fill(template.title, slots),
    description: fill(template.description, slots) + pick(rng, CLOSINGS),
    target,
    ...(negative ? { negative } : {}),
    ...(isAnswered(target) ? { answer: fill(negative ? template.wayForward : template.answer, slots) } : {}),
    ...(target === 'returned' ? { returnReason: pick(rng, RETURN_REASONS) } : {}),
    ...(target === 'withdrawn' ? { withdrawReason: pick(rng, WITHDRAW_REASONS) } : {}),
    ...(rating ? { rating } : {}),
    milestones: planned ? drawMilestones(rng, template.milestones ?? text.milestones, category) : [],
    assistingUnitKeys: planned ? drawAssisting(rng, template.assisting ?? text.assisting, leadUnitKey) : [],
    ...(greenChannel ? { greenChannel } : {}),
  };
}

/** `count` drafts over every target (see `allocateTargets`), in shuffled order. */
export function buildIssues(rng: Rng, count: number, ctx: IssueContext): DemoIssueDraft[] {
  const pools: Pools = {
    keyEnterprises: ctx.enterprises.filter((e) => e.isKey),
    others: ctx.enterprises.filter((e) => !e.isKey),
    leaderOf: new Map(ctx.assignments.map((a) => [a.enterpriseKey, a.leaderKey])),
    categories: ctx.categories.map((c) => [c, CATEGORY_WEIGHTS[c.code] ?? 1] as const),
  };
  const targets = allocateTargets(count).flatMap(([target, n]) => Array.from({ length: n }, () => target));
  return shuffle(rng, targets).map((target) => draftIssue(rng, target, ctx, pools));
}
