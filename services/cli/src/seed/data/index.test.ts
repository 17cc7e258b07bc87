import { isValidCreditCode } from '@huiyin/domain';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { buildDemoDistrict, type DemoDistrict, type IssueTarget } from './index.ts';

const TARGETS: IssueTarget[] = ['submitted', 'listed', 'awaitingClaim', 'returned', 'inProgress', 'answerReview', 'answerSignOff', 'resolved', 'closed', 'reopened', 'withdrawn'];
const ANSWERED: IssueTarget[] = ['answerReview', 'answerSignOff', 'resolved', 'closed', 'reopened'];

const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

/** The invariants that must hold for any seed. */
function expectConsistent(d: DemoDistrict): void {
  const leaderKeys = new Set(d.leaders.map((l) => l.key));
  const unitKeys = new Set(d.units.map((u) => u.key));
  const logins = new Set(d.officials.map((o) => o.login));
  const enterprises = new Map(d.enterprises.map((e) => [e.key, e]));
  const categories = new Map(d.categories.map((c) => [c.code, c]));

  expect(logins.size).toBe(d.officials.length);
  for (const e of d.enterprises) expect(logins.has(e.login)).toBe(false);
  expect(new Set(d.enterprises.map((e) => e.login)).size).toBe(d.enterprises.length);
  for (const o of d.officials) {
    expect(o.email).toBe(`${o.login}@huiyin.local`);
    expect(o.phone).toMatch(/^1[3-9]\d{9}$/);
    if (o.unitKey !== undefined) expect(unitKeys.has(o.unitKey)).toBe(true);
    if (o.leaderKey !== undefined) expect(leaderKeys.has(o.leaderKey)).toBe(true);
  }
  for (const e of d.enterprises) {
    expect(isValidCreditCode(e.creditCode), e.creditCode).toBe(true);
    expect(e.contacts.length).toBeGreaterThanOrEqual(1);
    expect(e.contacts.length).toBeLessThanOrEqual(2);
  }
  expect(new Set(d.enterprises.map((e) => e.creditCode)).size).toBe(d.enterprises.length);
  expect(new Set(d.enterprises.map((e) => e.name)).size).toBe(d.enterprises.length);

  expect(d.assignments.map((a) => a.enterpriseKey).sort()).toEqual(d.enterprises.filter((e) => e.isKey).map((e) => e.key));
  for (const a of d.assignments) {
    expect(leaderKeys.has(a.leaderKey)).toBe(true);
    expect(unitKeys.has(a.unitKey)).toBe(true);
    expect(d.officials.find((o) => o.login === a.unitHeadLogin)).toMatchObject({ unitKey: a.unitKey, roles: ['unit_head'] });
  }

  for (const i of d.issues) {
    const category = categories.get(i.categoryCode);
    expect(category).toBeDefined();
    expect(enterprises.has(i.enterpriseKey)).toBe(true);
    expect(unitKeys.has(i.leadUnitKey)).toBe(true);
    expect(leaderKeys.has(i.leaderKey)).toBe(true);
    const assignment = d.assignments.find((a) => a.enterpriseKey === i.enterpriseKey);
    if (assignment) expect(i.leaderKey).toBe(assignment.leaderKey);
    for (const k of i.assistingUnitKeys) expect(unitKeys.has(k)).toBe(true);
    expect(i.assistingUnitKeys).not.toContain(i.leadUnitKey);
    expect(new Set(i.assistingUnitKeys).size).toBe(i.assistingUnitKeys.length);
    expect(`${i.title}${i.description}${i.answer ?? ''}`).not.toMatch(/[{}]/);
    expect(i.milestones.length).toBeLessThanOrEqual(3);
    const offsets = i.milestones.map((m) => m.offsetWorkingDays);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    if (category?.handlingLimit.unit === 'workingDays') for (const o of offsets) expect(o).toBeLessThanOrEqual(category.handlingLimit.amount);
    if (category?.greenChannel) expect(i.greenChannel).toBe(true);

    expect(i.answer !== undefined).toBe(ANSWERED.includes(i.target));
    if (i.target === 'answerSignOff') expect(i.negative).toBe(true);
    if (i.negative) expect(['answerSignOff', 'resolved', 'closed', 'reopened']).toContain(i.target);
    if (i.rating) expect(['resolved', 'closed', 'reopened']).toContain(i.target);
    if (i.target === 'reopened') expect(i.rating?.satisfaction).toBe('dissatisfied');
    else if (i.rating) expect(i.rating.satisfaction).not.toBe('dissatisfied');
    expect(i.returnReason !== undefined).toBe(i.target === 'returned');
    expect(i.withdrawReason !== undefined).toBe(i.target === 'withdrawn');
    if (i.target === 'submitted') expect([i.milestones, i.assistingUnitKeys]).toEqual([[], []]);
    // 四明确: a limit of 5 working days or more is listed with its milestone plan.
    else if (category?.handlingLimit.unit === 'workingDays' && category.handlingLimit.amount >= 5) expect(i.milestones.length).toBeGreaterThan(0);
  }
}

describe('buildDemoDistrict', () => {
  const district = buildDemoDistrict();

  it('gives the same data set for the same seed, and another for another seed', () => {
    expect(buildDemoDistrict({ seed: 7 })).toEqual(buildDemoDistrict({ seed: 7 }));
    expect(buildDemoDistrict()).toEqual(district);
    expect(buildDemoDistrict({ seed: 8 }).enterprises).not.toEqual(buildDemoDistrict({ seed: 7 }).enterprises);
  });

  it('keeps the master data when only the issue count changes', () => {
    const { issues: _few, ...fewer } = buildDemoDistrict({ issueCount: 60 });
    const { issues: _all, ...master } = district;
    expect(fewer).toEqual(master);
  });

  it('has the shape of the report: 15 leaders, 25 units, 85 key enterprises and 15 others', () => {
    expect(district.name).toBe('霁川区');
    expect(district.leaders).toHaveLength(15);
    expect(district.units).toHaveLength(25);
    expect(district.enterprises.filter((e) => e.isKey).map((e) => e.key)).toEqual(Array.from({ length: 85 }, (_, i) => `ent${String(i + 1).padStart(3, '0')}`));
    expect(district.enterprises.filter((e) => !e.isKey)).toHaveLength(15);
    expect(district.issues).toHaveLength(300);
    expect(district.categories.length).toBeGreaterThanOrEqual(8);
    expect(district.categories.filter((c) => c.greenChannel).map((c) => c.handlingLimit.unit)).toEqual(['hours']);
  });

  it('gives every unit a head and two handlers, and the centre, supervision and admin their accounts', () => {
    const roles = countBy(district.officials, (o) => o.roles.join());
    expect(Object.fromEntries(roles)).toEqual({ leader: 15, unit_head: 25, handler: 50, dispatcher: 2, supervisor: 2, admin: 1 });
    for (const u of district.units) {
      expect(district.officials.filter((o) => o.unitKey === u.key && o.roles.includes('handler')).map((o) => o.login)).toEqual([`${u.key}-h1`, `${u.key}-h2`]);
    }
    const unitOf = (login: string) => district.units.find((u) => u.key === district.officials.find((o) => o.login === login)?.unitKey)?.name;
    expect(unitOf('dispatcher1')).toBe('区营商环境服务中心');
    expect(unitOf('supervisor2')).toBe('区委督查室');
  });

  it('spreads the key enterprises five or six to a leader, three or four to a unit', () => {
    expect(new Set(countBy(district.assignments, (a) => a.leaderKey).values())).toEqual(new Set([5, 6]));
    expect(countBy(district.assignments, (a) => a.leaderKey).size).toBe(15);
    expect(new Set(countBy(district.assignments, (a) => a.unitKey).values())).toEqual(new Set([3, 4]));
  });

  it('puts at least five drafts at every target, most in progress or closed', () => {
    const byTarget = countBy(district.issues, (i) => i.target);
    for (const t of TARGETS) expect(byTarget.get(t) ?? 0).toBeGreaterThanOrEqual(5);
    const top = [...byTarget]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([t]) => t);
    expect(top.sort()).toEqual(['closed', 'inProgress']);
  });

  it('draws issues from key and non-key enterprises, with assisting units, milestones and negative answers', () => {
    const isKey = new Map(district.enterprises.map((e) => [e.key, e.isKey]));
    expect(district.issues.some((i) => !isKey.get(i.enterpriseKey))).toBe(true);
    expect(district.issues.some((i) => i.assistingUnitKeys.length > 0)).toBe(true);
    expect(new Set(district.issues.map((i) => i.milestones.length))).toEqual(new Set([0, 1, 2, 3]));
    expect(district.issues.filter((i) => i.negative && i.target !== 'answerSignOff').length).toBeGreaterThan(0);
    expect(new Set(district.issues.map((i) => i.categoryCode)).size).toBe(district.categories.length);
  });

  it('holds together', () => {
    expectConsistent(district);
  });

  test.prop([fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 55, max: 400 })], { numRuns: 12 })('holds together and keeps five per target for any seed', (seed, issueCount) => {
    const d = buildDemoDistrict({ seed, issueCount });
    expectConsistent(d);
    expect(d.issues).toHaveLength(issueCount);
    const byTarget = countBy(d.issues, (i) => i.target);
    for (const t of TARGETS) expect(byTarget.get(t) ?? 0).toBeGreaterThanOrEqual(5);
  });

  it('rejects a seed or issue count that is not a usable integer', () => {
    expect(() => buildDemoDistrict({ seed: 1.5 })).toThrow(RangeError);
    expect(() => buildDemoDistrict({ issueCount: -1 })).toThrow(RangeError);
    expect(buildDemoDistrict({ issueCount: 0 }).issues).toEqual([]);
  });
});
