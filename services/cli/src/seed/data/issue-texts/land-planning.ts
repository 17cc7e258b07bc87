import type { CategoryText } from './category-text.ts';

export const LAND_PLANNING: CategoryText = {
  code: 'land_planning',
  unit: 'land',
  assisting: ['housing', 'drc', 'industry'],
  templates: [
    { title: '{project}规划许可办理进度慢', description: '我公司{project}已完成方案设计，{months}个月前提交建设工程规划许可申请，至今仍在审查中，已影响开工建设和年度投资计划。' },
    { title: '{project}用地手续尚未办结', description: '我公司{project}拟用地约{n}0亩，前期工作已完成，但用地预审和农转用手续迟迟未能办结，设备采购合同已签订，项目急需落地。' },
    { title: '厂区{side}规划道路红线与现有围墙冲突', description: '我公司厂区{side}规划道路红线与现有围墙、门卫房重叠约{meters}米，如按红线实施需拆除重建，请明确规划调整意见及补偿办法。' },
    { title: '{project}容积率调整申请未获答复', description: '因生产工艺调整，我公司{project}需将容积率由1.0调整至1.5，{months}个月前已提交调整申请，至今未收到书面答复。' },
    { title: '{road}厂房不动产权证办理遇阻', description: '我公司位于{road}的厂房因历史遗留问题一直未能办理不动产权证，银行无法办理抵押贷款，请协助梳理补办路径。' },
    { title: '{project}土地出让金申请分期缴纳', description: '受资金周转影响，我公司{project}土地出让金约{amount}万元，申请分期缴纳，请予支持。', assisting: ['finance'] },
  ],
  milestones: ['现场踏勘', '材料预审', '规划条件核定', '方案联审', '许可证核发'],
  answers: [
    '{unit}牵头组织现场踏勘和并联审查，贵公司{project}相关手续已办结，证照已送达企业。',
    '经{unit}会同相关部门联审，{project}规划许可已核发，后续竣工规划核实由专人对接。',
    '{unit}已完成规划条件核定，并与企业逐项确认，相关意见已书面反馈。',
  ],
  wayForward: [
    '该地块涉及国土空间规划管控，暂不能按原方案办理；建议调整{project}总平面布局，{unit}安排专人指导修改方案，调整后5个工作日内完成审查。',
    '按现行规定暂不能直接补办不动产权证；可先申请历史遗留问题认定，{unit}已将其列入专项处置清单，分步推进，每半月向企业通报进度。',
  ],
};
