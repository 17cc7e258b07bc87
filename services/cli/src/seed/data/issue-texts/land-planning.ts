import type { CategoryText } from './category-text.ts';

export const LAND_PLANNING: CategoryText = {
  code: 'land_planning',
  unit: 'land',
  assisting: ['housing', 'drc', 'industry'],
  milestones: ['现场踏勘', '材料预审', '规划条件核定', '方案联审', '许可证核发'],
  templates: [
    {
      title: '{project}规划许可办理进度慢',
      description: '我公司{project}已完成方案设计，{months}个月前提交建设工程规划许可申请，至今仍在审查中，已影响开工建设和年度投资计划。',
      answer: '{unit}组织相关部门并联审查，{project}建设工程规划许可证已核发并送达企业，后续竣工规划核实由专人对接。',
      wayForward: '{project}方案建筑退线不满足控规要求，暂不能按原方案核发许可；{unit}已安排专人指导企业调整总平面布局，调整后的方案5个工作日内完成审查。',
    },
    {
      title: '{project}用地手续尚未办结',
      description: '我公司{project}拟用地约{n}0亩，前期工作已完成，但用地预审和农转用手续迟迟未能办结，设备采购合同已签订，项目急需落地。',
      answer: '{unit}已完成用地预审并报批农转用，批复已下达，土地供应方案已进入公示，预计按期供地。',
      wayForward: '该地块年度用地指标已用完，暂不能在本批次报批；{unit}已将{project}列入下一批次优先保障清单，并协调先行开展规划设计、施工图审查等前期工作，指标下达后即报批。',
    },
    {
      title: '厂区{side}规划道路红线与现有围墙冲突',
      description: '我公司厂区{side}规划道路红线与现有围墙、门卫房重叠约{meters}米，如按红线实施需拆除重建，请明确规划调整意见及补偿办法。',
      answer: '经{unit}复核，该段规划道路线形已作局部优化，不再占用企业围墙和门卫房，调整后的规划图已书面告知企业。',
      wayForward: '该规划道路为区域主干路，线位暂不能调整；{unit}已会同区住建局明确拆除重建的补偿标准，并安排在道路施工前{months}个月告知企业，给足准备时间。',
      assisting: ['housing', 'finance'],
    },
    {
      title: '{project}容积率调整申请未获答复',
      description: '因生产工艺调整，我公司{project}需将容积率由1.0调整至1.5，{months}个月前已提交调整申请，至今未收到书面答复。',
      answer: '{unit}已按程序完成容积率调整论证和公示，调整后的规划条件已书面告知企业。',
      wayForward: '该地块所在片区控规尚在修编，暂不能单独调整容积率；{unit}已将企业需求纳入修编内容，修编期间可先按现容积率分期建设，二期按新规划条件办理。',
    },
    {
      title: '{road}厂房不动产权证办理遇阻',
      description: '我公司位于{road}的厂房因历史遗留问题一直未能办理不动产权证，银行无法办理抵押贷款，请协助梳理补办路径。',
      answer: '{unit}已将该厂房纳入历史遗留问题专项处置，完成测绘和权籍调查，不动产权证已发放。',
      wayForward: '该厂房建设手续不全，按现行规定暂不能直接办证；{unit}已启动历史遗留问题认定，分三步办理，并协调区金融局先以应收账款质押等方式解决融资。',
      milestones: ['权籍调查', '历史遗留问题认定', '登记审核', '证书发放'],
      assisting: ['housing', 'financial'],
    },
    {
      title: '{project}土地出让金申请分期缴纳',
      description: '受资金周转影响，我公司{project}土地出让金约{amount}万元，申请分期缴纳，请予支持。',
      answer: '经{unit}会同区财政局研究，同意按合同约定分两期缴纳，补充协议已签订。',
      wayForward: '按出让合同约定，土地出让金暂不能延长缴纳期限；{unit}已协调合作银行提供土地款专项贷款方案，并对接政府性担保机构增信。',
      milestones: ['政策研判', '联席会议', '补充协议签订'],
      assisting: ['finance', 'financial'],
    },
  ],
};
