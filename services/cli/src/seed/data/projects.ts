import { DISTRICT_NAME } from './district.ts';
import { intBetween, pick, shuffle, type Rng } from './prng.ts';
import type { DemoLeader } from './types.ts';
import { unitKey, type UnitAlias } from './units.ts';

/** 162 projects in eight types (docs/domain.md#demo-data). */
export const PROJECT_TYPE_COUNTS = {
  industrial: 17,
  services: 39,
  big_data: 19,
  culture_tourism: 15,
  rural_revitalisation: 10,
  ecology: 10,
  urban_construction: 39,
  livelihood: 13,
} as const;
type DemoProjectType = keyof typeof PROJECT_TYPE_COUNTS;

/** 131.93 billion yuan in all, 30.587 billion planned for the year, in 万元. */
export const TOTAL_INVESTMENT_WAN = 13_193_000;
export const PLANNED_INVESTMENT_YEAR_WAN = 3_058_700;

type DemoProjectState = 'planned' | 'underWay' | 'suspended' | 'completed';

export type DemoProject = {
  name: string;
  type: DemoProjectType;
  totalInvestment: number;
  plannedInvestmentYear: number;
  leaderKey: string;
  unitKey: string;
  /** Days from the seeding day (negative: in the past). */
  startInDays: number;
  completionInDays: number;
  /** Milestones' due days, relative to the seeding day, in order. */
  milestones: Array<{ name: string; dueInDays: number }>;
  target: DemoProjectState;
  /** Whether the unit files this period's progress report. */
  reports: boolean;
  /** A problem handed over as an issue, if any. */
  problem: { title: string; description: string; categoryCode: string } | null;
};

/** Which units carry each type, and what its projects are called. */
const TYPES: Record<DemoProjectType, { units: UnitAlias[]; weight: number; subjects: string[]; suffixes: string[] }> = {
  industrial: {
    units: ['industry', 'drc'],
    weight: 3.2,
    subjects: ['智能装备', '新材料', '高端轴承', '精密铸造', '新能源电池', '光电器件', '工业机器人', '汽车零部件', '节能环保装备'],
    suffixes: ['产业园', '生产基地', '智能制造项目', '技改项目', '产业化项目'],
  },
  services: {
    units: ['commerce', 'drc', 'financial'],
    weight: 1.0,
    subjects: ['澄湖', '望川', '云锦', '临川', '翠屏', '汇智', '中心商务区', '南站', '玉兰'],
    suffixes: ['商业综合体', '现代物流中心', '总部大楼', '金融服务中心', '星级酒店', '会展中心', '商贸城'],
  },
  big_data: { units: ['data', 'science'], weight: 1.3, subjects: ['城市大脑', '算力', '工业互联网', '数字孪生', '智慧政务', '数据灾备', '信创'], suffixes: ['中心', '平台', '产业园', '示范项目'] },
  culture_tourism: {
    units: ['culture'],
    weight: 0.9,
    subjects: ['岚山', '凤栖', '霁川古镇', '长泓湖', '青杉谷', '明德书院'],
    suffixes: ['文旅综合体', '景区提升工程', '文化街区', '康养度假区', '研学基地'],
  },
  rural_revitalisation: {
    units: ['agriculture', 'water'],
    weight: 0.5,
    subjects: ['高标准农田', '现代农业', '特色林果', '农产品冷链', '美丽乡村', '田园综合体'],
    suffixes: ['示范区', '建设项目', '产业园', '提升工程'],
  },
  ecology: { units: ['ecology', 'water'], weight: 0.7, subjects: ['长泓河', '澄湖', '岚山', '城区污水', '固废', '湿地'], suffixes: ['综合治理工程', '生态修复项目', '处理厂扩建', '公园建设'] },
  urban_construction: {
    units: ['housing', 'urban', 'transport', 'land'],
    weight: 1.1,
    subjects: ['科技大道', '望川路', '兴业路', '启航路', '老旧小区', '城市更新', '地下综合管廊', '安置房', '临川大道'],
    suffixes: ['改造工程', '新建工程', '片区开发', '综合提升', '快速化改造'],
  },
  livelihood: {
    units: ['education', 'health', 'hrss'],
    weight: 0.6,
    subjects: ['区人民医院', '第二实验小学', '妇幼保健院', '公共实训', '养老服务', '社区卫生服务', '第三高级中学'],
    suffixes: ['新建项目', '扩建工程', '中心', '综合楼'],
  },
};

const MILESTONE_NAMES = [
  ['前期手续办结', '土地摘牌'],
  ['主体开工', '基础施工完成'],
  ['主体封顶', '设备进场'],
  ['竣工验收', '投产运营'],
] as const;

const PROBLEMS = [
  { title: '项目用地规划调整手续滞后', description: '项目二期用地规划调整需市级审批，已报送一个月未有进展，影响后续施工许可办理。', categoryCode: 'land_planning' },
  { title: '施工用电增容未落实', description: '项目进入设备安装阶段，需增容至 2000kVA，供电方案尚未批复，影响调试进度。', categoryCode: 'utilities' },
  { title: '配套道路未打通', description: '项目东侧规划道路尚未建设，大型设备运输车辆无法进场。', categoryCode: 'infrastructure' },
  { title: '项目贷款审批周期长', description: '项目固定资产贷款已申报两月，银行审批未完成，资金缺口约 3000 万元。', categoryCode: 'financing' },
  { title: '施工许可证办理卡在消防审查', description: '消防设计审查意见反复修改，施工许可证迟迟无法办理。', categoryCode: 'approvals' },
  { title: '技术工人招聘困难', description: '项目投产在即，需招聘焊工、电工等技术工人 80 名，目前到岗不足一半。', categoryCode: 'employment' },
];

/**
 * Splits `total` into integers in proportion to `weights`, summing to it exactly (largest
 * remainder), each at least `min` and at most its `caps` entry when given.
 */
export function apportion(total: number, weights: readonly number[], min = 1, caps?: readonly number[]): number[] {
  const n = weights.length;
  const out = new Array<number>(n).fill(min);
  let left = total - min * n;
  if (left < 0) throw new RangeError(`cannot give ${n} parts at least ${min} from ${total}`);
  // Rounds until nothing is left; a part that hits its cap drops out of the next round.
  for (let round = 0; left > 0 && round < 50; round++) {
    const open = weights.map((w, i) => (caps && out[i]! >= caps[i]! ? 0 : w));
    const sum = open.reduce((a, b) => a + b, 0);
    if (sum === 0) break;
    const raw = open.map((w) => (w / sum) * left);
    const given = raw.map((r, i) => Math.min(Math.floor(r), caps ? caps[i]! - out[i]! : Infinity));
    let rest = left - given.reduce((a, b) => a + b, 0);
    const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
    for (const [, i] of order) {
      if (rest === 0) break;
      if (open[i] === 0 || (caps && out[i]! + given[i]! >= caps[i]!)) continue;
      given[i]! += 1;
      rest -= 1;
    }
    given.forEach((g, i) => (out[i]! += g));
    left = rest;
  }
  if (left !== 0) throw new RangeError(`could not apportion ${total} within the caps`);
  return out;
}

/**
 * The district's 162 key projects with invented names: docs/domain.md#demo-data's counts by type, total
 * investment and the year's plan summing exactly to its figures, leaders and units from the demo
 * district, milestones (some done, some late), a share of reports and a few problems. Pure.
 */
export function buildDemoProjects(rng: Rng, leaders: readonly DemoLeader[]): DemoProject[] {
  const drafts: Array<{ type: DemoProjectType; name: string; weight: number }> = [];
  const used = new Set<string>();
  for (const [type, count] of Object.entries(PROJECT_TYPE_COUNTS) as Array<[DemoProjectType, number]>) {
    const spec = TYPES[type];
    for (let i = 0; i < count; i++) {
      let name = '';
      for (let tries = 0; !name || used.has(name); tries++) {
        const base = `${DISTRICT_NAME}${pick(rng, spec.subjects)}${pick(rng, spec.suffixes)}`;
        name = tries < 5 ? base : `${base}（${['一', '二', '三', '四', '五'][tries % 5]}期）`;
      }
      used.add(name);
      // A skewed spread: a few large projects carry much of the investment, as in any district.
      drafts.push({ type, name, weight: spec.weight * (0.3 + rng() ** 3 * 6) });
    }
  }
  const totals = apportion(
    TOTAL_INVESTMENT_WAN,
    drafts.map((d) => d.weight),
    1000,
  );
  const share = drafts.map(() => 0.12 + rng() * 0.24);
  const planned = apportion(
    PLANNED_INVESTMENT_YEAR_WAN,
    totals.map((t, i) => t * share[i]!),
    100,
    totals,
  );
  const states: DemoProjectState[] = shuffle(rng, [
    ...Array<DemoProjectState>(10).fill('planned'),
    ...Array<DemoProjectState>(4).fill('suspended'),
    ...Array<DemoProjectState>(3).fill('completed'),
    ...Array<DemoProjectState>(drafts.length - 17).fill('underWay'),
  ]);
  const problemAt = new Set(
    shuffle(
      rng,
      drafts.map((_, i) => i).filter((i) => states[i] === 'underWay'),
    ).slice(0, PROBLEMS.length),
  );
  let problem = 0;
  return drafts.map((d, i) => {
    const target = states[i] ?? 'underWay';
    const spec = TYPES[d.type];
    const startInDays = target === 'planned' ? intBetween(rng, 10, 90) : target === 'completed' ? intBetween(rng, -700, -400) : intBetween(rng, -330, -30);
    const completionInDays = target === 'completed' ? intBetween(rng, 20, 120) : startInDays + intBetween(rng, 400, 1000);
    // Milestones spread over the project's life; for one under way the early ones fall due already.
    const stops =
      target === 'completed' ? [startInDays + 60, startInDays + 200, startInDays + 320, -10] : [0.15, 0.4, 0.7, 1].map((f) => Math.round(startInDays + f * (completionInDays - startInDays)));
    const milestones = stops.map((dueInDays, k) => ({ name: pick(rng, MILESTONE_NAMES[k] ?? MILESTONE_NAMES[0]), dueInDays: Math.min(dueInDays, completionInDays) }));
    const p = problemAt.has(i) ? (PROBLEMS[problem++] ?? null) : null;
    return {
      name: d.name,
      type: d.type,
      totalInvestment: totals[i] ?? 0,
      plannedInvestmentYear: planned[i] ?? 0,
      leaderKey: pick(rng, leaders).key,
      unitKey: unitKey(pick(rng, spec.units)),
      startInDays,
      completionInDays,
      milestones,
      target,
      reports: target === 'completed' || (target === 'underWay' && rng() < 0.6),
      problem: p,
    };
  });
}
