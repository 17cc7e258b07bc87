import type { CategoryText } from './category-text.ts';

export const FINANCING: CategoryText = {
  code: 'financing',
  unit: 'financial',
  assisting: ['finance', 'drc', 'industry'],
  milestones: ['银企对接会', '尽职调查', '授信审批', '放款'],
  templates: [
    {
      title: '流动资金贷款到期续贷困难',
      description: '我公司一笔{amount}万元流动资金贷款将于{months}个月后到期，贷款银行表示需压降授信，请协调办理无还本续贷。',
      answer: '经{unit}协调，贷款银行同意办理无还本续贷，{amount}万元续贷手续已办结。',
      wayForward: '企业近期存在逾期记录，原贷款银行暂不能办理无还本续贷；{unit}已推荐两家合作银行重新评估，并协调区应急转贷资金过桥，确保不断贷。',
    },
    {
      title: '申请应急转贷资金支持',
      description: '我公司{amount}万元贷款即将到期，新贷款审批需要时间，申请使用区应急转贷资金过桥。',
      answer: '{unit}已审核通过转贷申请，应急转贷资金已按时拨付，企业已完成续贷。',
      wayForward: '应急转贷须先取得银行续贷承诺，暂不能先行拨付；{unit}已协调银行出具续贷承诺函，承诺函出具后2个工作日内拨付转贷资金。',
      assisting: ['finance'],
    },
    {
      title: '知识产权质押融资对接',
      description: '我公司拥有发明专利{n}项，希望以知识产权质押方式融资约{amount}万元，请帮助对接合作银行。',
      answer: '{unit}会同区科技局组织专场对接，合作银行已完成评估授信，质押贷款已发放。',
      wayForward: '企业专利评估价值不足以覆盖申请额度，暂不能全额放款；{unit}建议采用“专利质押+政府性担保”组合方式，已约定合作银行再次上门对接。',
      assisting: ['science'],
    },
    {
      title: '政府性融资担保费率偏高',
      description: '我公司通过政府性融资担保机构担保贷款{amount}万元，担保费率偏高，请落实降费政策。',
      answer: '{unit}已督促担保机构落实降费政策，担保费率已下调，多收部分已退还企业。',
      wayForward: '该笔担保业务签订于降费政策实施前，费率暂不能追溯调整；{unit}已协调担保机构在续保时按新费率执行，并为企业申请担保费补贴。',
      milestones: ['政策核查', '约谈担保机构', '费率调整'],
      assisting: ['finance'],
    },
    {
      title: '{project}设备融资租赁需对接机构',
      description: '我公司{project}计划购置设备约{amount}万元，希望采用融资租赁方式，请帮助对接融资租赁机构。',
      answer: '{unit}已对接{n}家融资租赁机构，企业已选定合作方并签订租赁合同，设备已进场。',
      wayForward: '所涉设备为专用设备，租赁机构暂不能按通用设备方案承租；{unit}已协调设备厂商回购担保方案，租赁机构同意按新方案重新评审。',
    },
  ],
};
