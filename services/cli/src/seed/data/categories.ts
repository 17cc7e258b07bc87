import type { DemoCategory, Limit } from './types.ts';

const days = (amount: number): Limit => ({ amount, unit: 'workingDays' });
const hours = (amount: number): Limit => ({ amount, unit: 'hours' });

function category(code: string, name: string, handlingDays: number, ratingTimeoutOutcome: DemoCategory['ratingTimeoutOutcome'] = 'close_unrated'): DemoCategory {
  return { code, name, greenChannel: false, claimLimit: days(1), handlingLimit: days(handlingDays), supplementLimit: days(5), ratingLimit: days(3), ratingTimeoutOutcome };
}

/**
 * The issue categories and their time-limit policies: claim within 1 working day, handle
 * within 5–15, supplement documents within 5, rate within 3. The green channel (绿色通道) runs
 * on the clock, not working days.
 */
export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  category('land_planning', '用地规划', 15),
  category('approvals', '审批手续', 5, 'close_satisfied'),
  category('financing', '融资信贷', 10),
  category('employment', '用工招聘', 10),
  category('utilities', '水电气暖', 10),
  category('policy_payout', '政策兑现', 10),
  category('infrastructure', '基础设施配套', 15),
  category('market_access', '市场准入', 5, 'close_satisfied'),
  category('other', '其他', 10),
  {
    code: 'green_channel',
    name: '绿色通道·紧急诉求',
    greenChannel: true,
    claimLimit: hours(2),
    handlingLimit: hours(24),
    supplementLimit: days(1),
    ratingLimit: days(3),
    ratingTimeoutOutcome: 'close_unrated',
  },
];
