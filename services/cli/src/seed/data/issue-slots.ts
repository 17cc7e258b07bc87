import { pickPark, pickRoad } from './district.ts';
import { intBetween, pick, type Rng } from './prng.ts';

export type Slots = Readonly<Record<string, string>>;

const PROJECTS = ['二期项目', '新建厂房', '研发中心', '智能化改造项目', '扩建车间', '仓储中心', '综合办公楼', '新生产线项目', '技术改造项目', '中试基地'];
const SIDES = ['东侧', '西侧', '南侧', '北侧', '东南角', '西北角'];

/** One issue's slot values, drawn once so that its title, description and answer agree. */
export function drawSlots(rng: Rng, unitShortName: string): Slots {
  return {
    project: pick(rng, PROJECTS),
    side: pick(rng, SIDES),
    road: pickRoad(rng),
    park: pickPark(rng),
    n: String(intBetween(rng, 2, 6)),
    months: String(intBetween(rng, 2, 8)),
    amount: String(intBetween(rng, 1, 30) * 50),
    workers: String(intBetween(rng, 3, 30) * 10),
    meters: String(intBetween(rng, 1, 30) * 50),
    year: pick(rng, ['2024', '2025']),
    unit: unitShortName,
  };
}

/** Replaces each `{slot}`; throws on a slot it does not know, so a typo in a text fails the tests. */
export function fill(text: string, slots: Slots): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = slots[name];
    if (value === undefined) throw new Error(`unknown slot {${name}} in "${text}"`);
    return value;
  });
}
