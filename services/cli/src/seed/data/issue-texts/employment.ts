import type { CategoryText } from './category-text.ts';

export const EMPLOYMENT: CategoryText = {
  code: 'employment',
  unit: 'hrss',
  assisting: ['education', 'industry'],
  templates: [
    { title: '招工难需对接职业院校', description: '我公司{project}投产后需新增一线技术工人约{workers}人，近期招聘效果不佳，希望对接本地职业院校开展校企合作。', assisting: ['education'] },
    { title: '技能工人缺口大需开展订单式培训', description: '我公司数控、焊接等岗位技能工人缺口约{workers}人，希望开展订单式职业技能培训并享受培训补贴。' },
    { title: '引进人才子女入学需协调', description: '我公司今年引进高层次人才{n}名，其子女入学问题尚未落实，影响人才稳定。', assisting: ['education'] },
    { title: '外地员工社保转移接续办理慢', description: '我公司{n}0余名外地员工社保关系转移接续办理时间长，员工反映较多。' },
    { title: '人才公寓申请配租', description: '我公司新入职大学生约{workers}人，周边租房困难，申请配租区人才公寓。', assisting: ['housing'] },
    { title: '季节性用工高峰需组织专场招聘', description: '我公司订单集中，{months}月内需临时用工约{workers}人，请协助组织专场招聘会。' },
  ],
  milestones: ['用工需求摸排', '专场招聘会', '校企对接', '人员到岗'],
  answers: [
    '{unit}已组织专场招聘会并对接职业院校，首批人员已到岗，后续按订单式培训分批输送。',
    '{unit}已为企业开通培训补贴申领通道，首期技能培训班已开班。',
    '{unit}已会同相关部门逐一落实，办理结果已书面告知企业及当事员工。',
  ],
  wayForward: [
    '按现行政策，人才公寓房源已配租完毕，暂不能立即配租；{unit}已将企业列入下一批配租计划，并协调周边房源给予租房补贴过渡。',
    '学位已满，暂不能按企业意向学校安排；{unit}会同区教育局提供两所就近学校供选择，确保开学前落实。',
  ],
};
