import type { CategoryText } from './category-text.ts';

export const POLICY_PAYOUT: CategoryText = {
  code: 'policy_payout',
  unit: 'finance',
  assisting: ['finance', 'industry', 'hrss'],
  milestones: ['材料审核', '专项审计', '资金拨付申请', '资金到账'],
  templates: [
    {
      title: '高新技术企业奖补资金未到位',
      description: '我公司{year}年通过高新技术企业认定，按政策应享受奖补资金{n}0万元，至今未拨付到位。',
      answer: '{unit}已完成审核并报区财政局拨付，{n}0万元奖补资金已到账。',
      wayForward: '该奖补资金须待上级资金下达后统一拨付，暂不能先行兑付；{unit}已将企业列入首批拨付名单，资金下达后5个工作日内拨付。',
      unit: 'science',
    },
    {
      title: '技术改造奖补资金拨付滞后',
      description: '我公司{project}已通过技术改造项目验收，奖补资金{amount}万元至今未拨付。',
      answer: '{unit}已完成专项审计，{amount}万元技术改造奖补资金已拨付至企业账户。',
      wayForward: '专项审计核定的设备投资额低于申报额，暂不能按原申报金额兑现；{unit}已向企业反馈审计明细，按核定额先行拨付，差额部分可补充发票后复核。',
      unit: 'industry',
    },
    {
      title: '稳岗补贴申领进度慢',
      description: '我公司{year}年未裁员，符合稳岗补贴条件，材料已提交{months}个月，补贴仍未到账。',
      answer: '{unit}已完成审核公示，稳岗补贴已发放至企业账户。',
      wayForward: '企业有{n}个月社保缴费记录不连续，暂不能按全额发放；{unit}已指导企业补缴，补缴完成后按全额重新核定发放。',
      unit: 'hrss',
    },
    {
      title: '首次升规入库奖励未兑现',
      description: '我公司{year}年首次纳入规模以上工业企业统计，按政策可获奖励，但不清楚申报流程。',
      answer: '{unit}已安排专人辅导申报，企业材料已审核通过，升规奖励已拨付。',
      wayForward: '企业入库时间晚于本批次奖励截止日，暂不能在本批次兑现；{unit}已将企业纳入下一批次，并一次性告知申报材料。',
      unit: 'statistics',
    },
    {
      title: '增值税留抵退税办理咨询',
      description: '我公司{project}设备投入大，形成留抵税额约{amount}万元，希望尽快办理留抵退税。',
      answer: '{unit}已安排专人辅导申报，留抵退税已审核办结，退税款已到账。',
      wayForward: '企业近期存在一项申报异常，暂不能办理退税；{unit}已一对一告知更正方法，更正后即可办理，预计5个工作日内退税到账。',
      unit: 'tax',
    },
    {
      title: '{year}年度研发费用后补助未拨付',
      description: '我公司{year}年度研发费用后补助已公示，{months}个月过去仍未拨付。',
      answer: '{unit}已会同区财政局完成拨付，研发费用后补助已到账。',
      wayForward: '后补助资金按市区两级分担，区级部分已拨付，市级部分暂不能由区级垫付；{unit}已向市科技局报送拨付申请并跟踪进度，资金到区后即时拨付。',
      unit: 'science',
    },
    {
      title: '外贸企业出口奖励政策兑现',
      description: '我公司{year}年出口额增长明显，符合出口奖励条件，材料提交后一直未有结果。',
      answer: '{unit}已完成审核，出口奖励资金已拨付至企业账户。',
      wayForward: '企业部分出口额通过外地代理报关，暂不能计入本区出口额；{unit}已协助企业调整报关主体，下一年度可全额计入。',
      unit: 'commerce',
    },
  ],
};
