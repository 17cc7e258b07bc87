import type { CategoryText } from './category-text.ts';

export const UTILITIES: CategoryText = {
  code: 'utilities',
  unit: 'drc',
  assisting: ['housing', 'land', 'transport', 'urban'],
  templates: [
    { title: '厂区{side}道路未通电', description: '我公司厂区{side}道路沿线至今未架设电力线路，{project}无法接入，临时用电成本高且不稳定。' },
    { title: '{project}用电增容申请进度慢', description: '我公司{project}新增设备需增容至{n}000千伏安，已向供电企业申请{months}个月，仍未完成方案答复。' },
    { title: '天然气管道未接入{park}', description: '我公司位于{park}，园区天然气管道尚未接通，生产用热只能使用电锅炉，成本高。', unit: 'urban' },
    { title: '厂区供水压力不足影响生产', description: '我公司位于{road}，近{months}个月供水压力明显不足，高峰时段生产用水无法保障。', unit: 'urban' },
    { title: '冬季集中供暖未覆盖{project}', description: '我公司{project}所在区域未纳入集中供暖范围，职工宿舍和办公区冬季取暖困难。', unit: 'urban' },
    { title: '线路故障频繁停电影响连续生产', description: '近{months}个月我公司所在线路停电{n}次，每次停电造成生产线停机，损失较大。' },
  ],
  milestones: ['现场勘查', '接入方案确定', '管线施工', '验收接通'],
  answers: [
    '{unit}已协调供电企业完成线路架设，{project}已正式接电，临时用电已拆除。',
    '经{unit}协调，管网接入工程已完工并通过验收，企业已正常使用。',
    '{unit}已组织供电企业对线路进行改造，故障点已消除，后续纳入重点保障线路。',
  ],
  wayForward: [
    '该路段管线需随道路整体改造同步实施，暂不能单独敷设；{unit}已协调在{months}个月内随道路工程同步完成，期间由供电企业提供临时电源保障。',
    '现有管网容量不足，暂不能满足企业全部需求；{unit}已将管网扩容纳入年度计划，过渡期间协调错峰供应。',
  ],
};
