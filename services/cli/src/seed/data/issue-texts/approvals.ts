import type { CategoryText } from './category-text.ts';

export const APPROVALS: CategoryText = {
  code: 'approvals',
  unit: 'approval',
  assisting: ['housing', 'market', 'ecology', 'emergency'],
  templates: [
    { title: '{project}施工许可材料反复补正', description: '我公司{project}申请施工许可，已先后{n}次补正材料，每次补正意见不一致，请一次性告知所需全部材料。' },
    { title: '{project}环评批复时间长', description: '我公司{project}环境影响报告表已报送{months}个月，仍未取得批复，设备已陆续到厂，无法安装调试。', unit: 'ecology' },
    { title: '{project}消防验收排队时间长', description: '我公司{project}主体已完工，消防验收预约排队已超过{n}周，影响按期投产。', unit: 'housing' },
    { title: '安全生产许可证延续办理', description: '我公司安全生产许可证将于{months}个月后到期，延续办理需重新安全评价，周期较长，请指导能否容缺办理。', unit: 'emergency' },
    { title: '{project}竣工联合验收多头跑', description: '我公司{project}竣工验收涉及规划、消防、人防等多个部门，需分别预约、多次往返，请协调一次性联合验收。' },
    { title: '食品生产许可证变更需现场核查', description: '我公司新增一条生产线，申请食品生产许可证变更，现场核查排期较晚，影响新品上市。', unit: 'market' },
  ],
  milestones: ['材料受理', '容缺受理', '现场核查', '专家评审', '批复出具'],
  answers: [
    '{unit}已开通绿色通道实行容缺受理，{project}相关许可已办结，缺补材料约定5个工作日内补齐。',
    '{unit}已一次性告知全部材料清单并安排专人帮办，相关审批已完成，结果已送达企业。',
    '经{unit}协调，联合验收已于约定日期一次完成，验收意见已出具。',
  ],
  wayForward: [
    '该事项法定审查环节不能省略，暂不能按企业要求直接出具批复；{unit}已将审查改为并联办理，并安排专人提前预审，可将周期压缩约一半。',
    '因申请条件尚不具备，暂不能受理；{unit}已列明需补齐的{n}项条件，安排帮办员全程指导，条件具备当日即可受理。',
  ],
};
