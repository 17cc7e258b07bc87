import { APPROVALS } from './approvals.ts';
import type { CategoryText } from './category-text.ts';
import { EMPLOYMENT } from './employment.ts';
import { FINANCING } from './financing.ts';
import { GREEN_CHANNEL } from './green-channel.ts';
import { INFRASTRUCTURE } from './infrastructure.ts';
import { LAND_PLANNING } from './land-planning.ts';
import { MARKET_ACCESS } from './market-access.ts';
import { OTHER } from './other.ts';
import { POLICY_PAYOUT } from './policy-payout.ts';
import { UTILITIES } from './utilities.ts';

export type { CategoryText } from './category-text.ts';
export { RETURN_REASONS, WITHDRAW_REASONS, CLOSINGS } from './reasons.ts';

const TEXTS: readonly CategoryText[] = [LAND_PLANNING, APPROVALS, FINANCING, EMPLOYMENT, UTILITIES, POLICY_PAYOUT, INFRASTRUCTURE, MARKET_ACCESS, OTHER, GREEN_CHANNEL];

/** The texts for a category code; throws for a code with none. */
export function categoryText(code: string): CategoryText {
  const text = TEXTS.find((t) => t.code === code);
  if (!text) throw new Error(`no issue texts for category ${code}`);
  return text;
}
