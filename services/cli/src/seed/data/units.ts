import type { DemoUnit } from './types.ts';

/**
 * The district's units, in key order. `alias` lets the issue texts name a unit without
 * knowing its key. The last two do not handle issues: the service centre lists and
 * dispatches (营商办), the supervision office supervises (督查).
 */
const UNIT_SPECS = [
  { alias: 'drc', name: '区发展和改革委员会', shortName: '区发改委' },
  { alias: 'industry', name: '区工业和信息化局', shortName: '区工信局' },
  { alias: 'science', name: '区科学技术局', shortName: '区科技局' },
  { alias: 'finance', name: '区财政局', shortName: '区财政局' },
  { alias: 'hrss', name: '区人力资源和社会保障局', shortName: '区人社局' },
  { alias: 'land', name: '区自然资源和规划局', shortName: '区自然资源局' },
  { alias: 'housing', name: '区住房和城乡建设局', shortName: '区住建局' },
  { alias: 'urban', name: '区城市管理局', shortName: '区城管局' },
  { alias: 'transport', name: '区交通运输局', shortName: '区交通局' },
  { alias: 'water', name: '区水利局', shortName: '区水利局' },
  { alias: 'commerce', name: '区商务局', shortName: '区商务局' },
  { alias: 'culture', name: '区文化广电和旅游局', shortName: '区文广旅局' },
  { alias: 'health', name: '区卫生健康委员会', shortName: '区卫健委' },
  { alias: 'emergency', name: '区应急管理局', shortName: '区应急局' },
  { alias: 'market', name: '区市场监督管理局', shortName: '区市场监管局' },
  { alias: 'approval', name: '区行政审批服务局', shortName: '区审批局' },
  { alias: 'ecology', name: '区生态环境局', shortName: '区生态环境局' },
  { alias: 'tax', name: '区税务局', shortName: '区税务局' },
  { alias: 'financial', name: '区金融工作局', shortName: '区金融局' },
  { alias: 'data', name: '区大数据管理局', shortName: '区大数据局' },
  { alias: 'education', name: '区教育局', shortName: '区教育局' },
  { alias: 'statistics', name: '区统计局', shortName: '区统计局' },
  { alias: 'agriculture', name: '区农业农村局', shortName: '区农业农村局' },
  { alias: 'serviceCentre', name: '区营商环境服务中心', shortName: '区营商中心' },
  { alias: 'supervision', name: '区委督查室', shortName: '区委督查室' },
] as const;

export type UnitAlias = (typeof UNIT_SPECS)[number]['alias'];

const NON_HANDLING: readonly UnitAlias[] = ['serviceCentre', 'supervision'];

export function unitKey(alias: UnitAlias): string {
  const index = UNIT_SPECS.findIndex((spec) => spec.alias === alias);
  return `unit${String(index + 1).padStart(2, '0')}`;
}

export function buildUnits(): DemoUnit[] {
  return UNIT_SPECS.map(({ alias, name, shortName }) => ({ key: unitKey(alias), name, shortName }));
}

/** Units that take enterprises under 分包制 and lead or assist on issues. */
export function handlingUnitKeys(): string[] {
  return UNIT_SPECS.filter((spec) => !NON_HANDLING.includes(spec.alias)).map((spec) => unitKey(spec.alias));
}
