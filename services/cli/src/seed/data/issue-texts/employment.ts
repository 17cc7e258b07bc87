import type { CategoryText } from './category-text.ts';

export const EMPLOYMENT: CategoryText = {
  code: 'employment',
  unit: 'hrss',
  assisting: ['education', 'industry'],
  milestones: ['用工需求摸排', '专场招聘会', '校企对接', '人员到岗'],
  templates: [
    {
      title: '招工难需对接职业院校',
      description: '我公司{project}投产后需新增一线技术工人约{workers}人，近期招聘效果不佳，希望对接本地职业院校开展校企合作。',
      answer: '{unit}会同区教育局组织校企对接，企业已与{n}所职业院校签订合作协议，首批实习学生已到岗。',
      wayForward: '本学年职业院校毕业生已基本完成就业，暂不能一次满足{workers}人需求；{unit}已协调开设订单班，明年分批输送，其间组织{n}场专场招聘会补充用工。',
      assisting: ['education'],
    },
    {
      title: '技能工人缺口大需开展订单式培训',
      description: '我公司数控、焊接等岗位技能工人缺口约{workers}人，希望开展订单式职业技能培训并享受培训补贴。',
      answer: '{unit}已为企业开班订单式培训，首期学员已结业上岗，培训补贴已拨付。',
      wayForward: '企业尚未取得职业技能等级认定资格，暂不能自主开展补贴性培训；{unit}已协调区内定点培训机构承接，培训补贴照常享受。',
      milestones: ['培训需求摸排', '开班培训', '考核结业', '补贴拨付'],
    },
    {
      title: '引进人才子女入学需协调',
      description: '我公司今年引进高层次人才{n}名，其子女入学问题尚未落实，影响人才稳定。',
      answer: '{unit}会同区教育局按人才政策落实子女入学，{n}名人才子女均已就近入学。',
      wayForward: '意向学校学位已满，暂不能按企业意向安排；{unit}会同区教育局提供两所就近学校供选择，并确保开学前落实。',
      milestones: ['人才资格认定', '学位协调', '入学办理'],
      assisting: ['education'],
    },
    {
      title: '外地员工社保转移接续办理慢',
      description: '我公司{n}0余名外地员工社保关系转移接续办理时间长，员工反映较多。',
      answer: '{unit}已开设专窗集中办理，{n}0余名员工的社保转移接续已全部办结。',
      wayForward: '部分员工转出地尚未开通线上转移，暂不能全部线上办结；{unit}已代员工向转出地发函，并安排专人跟踪，办结一人告知一人。',
      milestones: ['信息核对', '转出地联络', '转移办结'],
    },
    {
      title: '人才公寓申请配租',
      description: '我公司新入职大学生约{workers}人，周边租房困难，申请配租区人才公寓。',
      answer: '{unit}已会同区住建局完成审核，企业申请的人才公寓已配租到位，员工已入住。',
      wayForward: '本批人才公寓房源已配租完毕，暂不能立即配租；{unit}已将企业列入下一批配租计划，过渡期间按政策发放租房补贴。',
      milestones: ['资格审核', '房源匹配', '签约入住'],
      assisting: ['housing'],
    },
    {
      title: '季节性用工高峰需组织专场招聘',
      description: '我公司订单集中，{months}月内需临时用工约{workers}人，请协助组织专场招聘会。',
      answer: '{unit}已组织专场招聘会，达成用工意向约{workers}人，已陆续到岗。',
      wayForward: '近期辖区用工需求集中，暂不能单独为企业举办专场；{unit}已将企业岗位纳入联合招聘会并在线上平台置顶发布，同步对接周边县区劳务输出。',
    },
  ],
};
