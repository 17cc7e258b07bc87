import type { CategoryText } from './category-text.ts';

export const FINANCING: CategoryText = {
  code: 'financing',
  unit: 'financial',
  assisting: ['finance', 'drc', 'industry'],
  templates: [
    { title: '流动资金贷款到期续贷困难', description: '我公司一笔{amount}万元流动资金贷款将于{months}个月后到期，贷款银行表示需压降授信，请协调办理无还本续贷。' },
    { title: '申请应急转贷资金支持', description: '我公司{amount}万元贷款即将到期，新贷款审批需要时间，申请使用区应急转贷资金过桥。', assisting: ['finance'] },
    { title: '知识产权质押融资对接', description: '我公司拥有发明专利{n}项，希望以知识产权质押方式融资约{amount}万元，请帮助对接合作银行。', assisting: ['science'] },
    { title: '政府性融资担保费率偏高', description: '我公司通过政府性融资担保机构担保贷款{amount}万元，担保费率偏高，请落实降费政策。', assisting: ['finance'] },
    { title: '{project}设备融资租赁需对接机构', description: '我公司{project}计划购置设备约{amount}万元，希望采用融资租赁方式，请帮助对接融资租赁机构。' },
  ],
  milestones: ['银企对接会', '尽职调查', '授信审批', '放款'],
  answers: [
    '{unit}已组织银企专场对接，合作银行完成授信审批，{amount}万元资金已到位。',
    '经{unit}协调，贷款银行同意办理无还本续贷，续贷手续已办结。',
    '{unit}已落实担保降费政策，担保机构已按新费率重新签约。',
  ],
  wayForward: [
    '企业目前资产负债率超出合作银行准入标准，暂不能按原额度放款；{unit}建议分两期申请，首期{n}00万元，并推荐政府性担保增信，已约定再次对接时间。',
    '应急转贷资金须先完成续贷审批备案，暂不能当日使用；{unit}已协调银行出具续贷承诺函，承诺函出具后2个工作日内拨付转贷资金。',
  ],
};
