import type { CategoryText } from './category-text.ts';

export const UTILITIES: CategoryText = {
  code: 'utilities',
  unit: 'drc',
  assisting: ['housing', 'land', 'transport', 'urban'],
  milestones: ['现场勘查', '接入方案确定', '管线施工', '验收接通'],
  templates: [
    {
      title: '厂区{side}道路未通电',
      description: '我公司厂区{side}道路沿线至今未架设电力线路，{project}无法接入，临时用电成本高且不稳定。',
      answer: '{unit}已协调供电企业完成线路架设，{project}已正式接电，临时用电已拆除。',
      wayForward: '该路段电力管线需随道路整体改造同步敷设，暂不能单独施工；{unit}已协调在{months}个月内随道路工程同步完成，其间由供电企业提供临时电源保障。',
      assisting: ['transport', 'housing'],
    },
    {
      title: '{project}用电增容申请进度慢',
      description: '我公司{project}新增设备需增容至{n}000千伏安，已向供电企业申请{months}个月，仍未完成方案答复。',
      answer: '经{unit}协调，供电企业已答复供电方案并完成增容工程，{project}已按新容量送电。',
      wayForward: '所在变电站负载已接近上限，暂不能一次增容到位；{unit}已协调先增容一半满足近期生产，变电站扩建纳入年度电网计划后再增容到位。',
    },
    {
      title: '天然气管道未接入{park}',
      description: '我公司位于{park}，园区天然气管道尚未接通，生产用热只能使用电锅炉，成本高。',
      answer: '{unit}已协调燃气企业完成管道敷设，企业已通气。',
      wayForward: '园区中压管线尚未建成，暂不能直接接入；{unit}已协调燃气企业设置临时点供气站过渡，管线预计{months}个月内建成。',
      unit: 'urban',
    },
    {
      title: '厂区供水压力不足影响生产',
      description: '我公司位于{road}，近{months}个月供水压力明显不足，高峰时段生产用水无法保障。',
      answer: '{unit}已协调供水企业改造{road}供水管网，水压已恢复正常。',
      wayForward: '该片区供水管网改造须整体实施，暂不能单独改造；{unit}已协调供水企业在高峰时段调度加压，并支持企业加建蓄水池过渡。',
      unit: 'urban',
    },
    {
      title: '冬季集中供暖未覆盖{project}',
      description: '我公司{project}所在区域未纳入集中供暖范围，职工宿舍和办公区冬季取暖困难。',
      answer: '{unit}已协调供热企业延伸管网，{project}已纳入集中供暖范围，本采暖季即可供暖。',
      wayForward: '该区域热源容量不足，本采暖季暂不能接入集中供暖；{unit}已将其列入明年管网延伸计划，本采暖季协调使用清洁能源分散供暖并给予补贴。',
      unit: 'urban',
    },
    {
      title: '线路故障频繁停电影响连续生产',
      description: '近{months}个月我公司所在线路停电{n}次，每次停电造成生产线停机，损失较大。',
      answer: '{unit}已协调供电企业完成线路改造，故障点已消除，该线路已纳入重点保障线路。',
      wayForward: '线路彻底改造需停电施工，暂不能立即实施；{unit}已协调供电企业先行加装双电源切换装置，改造安排在企业检修期进行。',
    },
  ],
};
