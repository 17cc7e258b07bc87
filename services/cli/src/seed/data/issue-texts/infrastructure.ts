import type { CategoryText } from './category-text.ts';

export const INFRASTRUCTURE: CategoryText = {
  code: 'infrastructure',
  unit: 'housing',
  assisting: ['transport', 'urban', 'land', 'finance'],
  milestones: ['现场勘查', '方案设计', '资金落实', '开工建设', '完工验收'],
  templates: [
    {
      title: '{project}周边道路断头影响运输',
      description: '我公司{project}北出口连接的{road}为断头路，约{meters}米未打通，货车需绕行，运输成本增加。',
      answer: '{unit}已完成{road}断头路段建设并通车，货车可直接通行。',
      wayForward: '涉及的地块尚未完成征收，道路暂不能全线打通；{unit}已协调先行修建临时便道保障通行，征收完成后同步实施。',
      unit: 'transport',
    },
    {
      title: '{road}雨污管网未接通',
      description: '我公司位于{road}，门前雨污管网未接通，生产生活污水无法排入市政管网。',
      answer: '{unit}已完成{road}雨污管网接驳并通过验收，企业污水已正常排入市政管网。',
      wayForward: '该段管网需随{road}道路改造一并实施，暂不能单独施工；{unit}已将其列入{year}年建设计划，过渡期间协调环卫企业定期抽运。',
    },
    {
      title: '{park}公交线路未覆盖员工通勤难',
      description: '我公司位于{park}，周边无公交线路，{workers}余名员工上下班通勤困难。',
      answer: '{unit}已协调公交企业调整线路，新增站点已开通运营。',
      wayForward: '该区域客流量暂不能支撑常规公交线路；{unit}已协调开通上下班定制通勤班车，按客流情况再评估开通常规线路。',
      unit: 'transport',
    },
    {
      title: '厂区{side}排水不畅雨季积水',
      description: '每逢降雨，我公司厂区{side}道路积水严重，最深处没过车轮，车辆无法进出。',
      answer: '{unit}已完成厂区{side}道路排水管道疏通和扩容，雨季积水问题已解决。',
      wayForward: '下游排水干管能力不足，暂不能通过局部疏通根治；{unit}已将干管扩容列入年度计划，汛期前先行加装临时强排泵站。',
    },
    {
      title: '{road}路灯长期不亮',
      description: '我公司门前{road}约{meters}米路段路灯长期不亮，夜班员工出行存在安全隐患。',
      answer: '{unit}已完成{road}路灯线路检修，该路段路灯已恢复照明。',
      wayForward: '该路段道路尚未移交，路灯暂不能纳入城市照明维护；{unit}已督促建设单位限期维修，并推动道路移交后纳入日常养护。',
      unit: 'urban',
    },
    {
      title: '{park}通信信号弱影响生产系统',
      description: '我公司所在{park}移动通信和5G信号弱，影响设备联网和远程运维。',
      answer: '{unit}已协调通信运营商新建基站，{park}信号覆盖已明显改善。',
      wayForward: '新建基站选址须征得周边业主同意，暂不能立即建设；{unit}已协调运营商先行部署室内分布系统，基站选址同步推进。',
      unit: 'data',
    },
  ],
};
