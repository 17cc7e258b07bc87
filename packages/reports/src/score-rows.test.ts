import { describe, expect, it } from 'vitest';
import { rate } from './rate.ts';
import { compositeScore, rankRows, redBlackLists, type ScoreRow } from './score-rows.ts';

const row = (name: string, score: number | null, issues = 5): ScoreRow => ({
  id: name,
  name,
  issues,
  ranked: issues >= 3,
  rank: null,
  score,
  response: rate(0, 0),
  resolution: rate(0, 0),
  satisfaction: rate(0, 0),
  returnRate: rate(0, 0),
  redoRate: rate(0, 0),
  firstContactRate: rate(0, 0),
  counts: { filed: 0, claimed: 0, resolved: 0, closed: 0, overdue: 0 },
  causes: [],
  excluded: [],
});

describe('the composite score', () => {
  it('weighs 响应 0.3, 解决 0.4, 满意 0.3 and rescales when a rate has nothing to count', () => {
    expect(compositeScore({ response: rate(3, 5), resolution: rate(2, 5), satisfaction: rate(2, 3) })).toBe(54);
    // No ratings: (0.3 × 1 + 0.4 × 0.5) ÷ 0.7 = 71.4.
    expect(compositeScore({ response: rate(4, 4), resolution: rate(1, 2), satisfaction: rate(0, 0) })).toBe(71.4);
    expect(compositeScore({ response: rate(0, 0), resolution: rate(0, 0), satisfaction: rate(0, 0) })).toBeNull();
  });
});

describe('rankings and the 红黑榜', () => {
  it('shares a rank between equal scores, breaks ties by issues then name, and lists the unranked after', () => {
    const ranked = rankRows([row('丁', 80), row('甲', 90, 4), row('乙', 90, 6), row('丙', 70), row('戊', 99, 2), row('己', null)]);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['乙', 1],
      ['甲', 1],
      ['丁', 3],
      ['丙', 4],
      ['己', null],
      ['戊', null],
    ]);
  });

  it('takes at most five each, at most half of the ranked, and never puts a full score on the black list', () => {
    const twelve = rankRows(Array.from({ length: 12 }, (_, i) => row(`单位${String(i).padStart(2, '0')}`, 100 - i * 5)));
    const { red, black } = redBlackLists(twelve);
    expect(red.map((r) => r.score)).toEqual([100, 95, 90, 85, 80]);
    expect(black.map((r) => r.score)).toEqual([45, 50, 55, 60, 65]);
    const three = redBlackLists(rankRows([row('甲', 100), row('乙', 100), row('丙', 60)]));
    expect([three.red.map((r) => r.name), three.black.map((r) => r.name)]).toEqual([['甲'], ['丙']]);
    expect(redBlackLists(rankRows([row('甲', 100), row('乙', 100)])).black).toEqual([]);
  });
});
