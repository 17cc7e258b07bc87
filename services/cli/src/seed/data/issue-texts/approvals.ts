import type { CategoryText } from './category-text.ts';

export const APPROVALS: CategoryText = {
  code: 'approvals',
  unit: 'approval',
  assisting: ['housing', 'market', 'ecology', 'emergency'],
  milestones: ['材料受理', '容缺受理', '现场核查', '专家评审', '批复出具'],
  templates: [
    {
      title: '{project}施工许可材料反复补正',
      description: '我公司{project}申请施工许可，已先后{n}次补正材料，每次补正意见不一致，请一次性告知所需全部材料。',
      answer: '{unit}已一次性告知全部材料清单，实行容缺受理，{project}施工许可证已核发，缺补材料约定5个工作日内补齐。',
      wayForward: '{project}施工图审查尚未通过，按规定暂不能核发施工许可；{unit}已安排帮办员对接审图机构，审查意见当日反馈，合格后当天核发。',
    },
    {
      title: '{project}环评批复时间长',
      description: '我公司{project}环境影响报告表已报送{months}个月，仍未取得批复，设备已陆续到厂，无法安装调试。',
      answer: '{unit}已组织技术评估并完成审批，{project}环评批复已出具，企业可开展设备安装调试。',
      wayForward: '报告表中污染物排放总量来源尚未落实，暂不能批复；{unit}已协助企业通过区域削减落实总量指标，指标落实后5个工作日内出具批复。',
      unit: 'ecology',
    },
    {
      title: '{project}消防验收排队时间长',
      description: '我公司{project}主体已完工，消防验收预约排队已超过{n}周，影响按期投产。',
      answer: '{unit}已将{project}列入优先验收计划，消防验收已完成并出具合格意见。',
      wayForward: '现场检查发现{n}处消防设施不符合设计要求，暂不能出具合格意见；{unit}已逐项列明整改要求，整改完成后2个工作日内复验。',
      unit: 'housing',
    },
    {
      title: '安全生产许可证延续办理',
      description: '我公司安全生产许可证将于{months}个月后到期，延续办理需重新安全评价，周期较长，请指导能否容缺办理。',
      answer: '{unit}已受理延续申请，安全评价报告实行容缺后补，新证已在原证到期前核发。',
      wayForward: '安全评价是延续的法定条件，暂不能免予评价；{unit}已协调评价机构提前进场，并承诺评价报告提交后3个工作日内办结，确保不出现证照空档。',
      unit: 'emergency',
    },
    {
      title: '{project}竣工联合验收多头跑',
      description: '我公司{project}竣工验收涉及规划、消防、人防等多个部门，需分别预约、多次往返，请协调一次性联合验收。',
      answer: '{unit}已牵头组织规划、消防、人防等部门一次性联合验收，验收意见已统一出具。',
      wayForward: '人防工程尚未完成竣工备案，暂不能纳入本次联合验收；{unit}已先行组织其余事项联合验收，人防备案完成后单独补验，不影响企业投产。',
      assisting: ['housing', 'land'],
    },
    {
      title: '食品生产许可证变更需现场核查',
      description: '我公司新增一条生产线，申请食品生产许可证变更，现场核查排期较晚，影响新品上市。',
      answer: '{unit}已调整核查排期，现场核查已完成，变更后的食品生产许可证已发放。',
      wayForward: '新生产线车间布局不符合生产许可审查细则，暂不能通过核查；{unit}已安排专家上门指导整改，整改后优先安排复查。',
      unit: 'market',
    },
  ],
};
