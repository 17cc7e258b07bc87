import type { CategoryText } from './category-text.ts';

export const OTHER: CategoryText = {
  code: 'other',
  unit: 'drc',
  assisting: ['market', 'urban', 'industry'],
  milestones: ['对接企业', '现场调研', '协调会', '落实反馈'],
  templates: [
    {
      title: '企业周边环境卫生差',
      description: '我公司位于{road}，周边长期堆放建筑垃圾和生活垃圾，影响企业形象和客户来访。',
      answer: '{unit}已组织清运{road}周边垃圾，并纳入环卫日常保洁范围。',
      wayForward: '该地块属于待开发的储备土地，暂不能纳入日常保洁；{unit}已协调土地储备机构清运并设置围挡，每月巡查一次。',
      unit: 'urban',
    },
    {
      title: '多部门重复检查影响生产',
      description: '近{months}个月我公司接受各类检查{n}0余次，部分检查内容重复，影响正常生产经营。',
      answer: '{unit}已将企业纳入“综合查一次”名单，同类检查合并实施，检查频次明显下降。',
      wayForward: '安全生产等法定检查暂不能取消；{unit}已推动实行“综合查一次”，将同类检查合并，检查频次预计减少一半以上。',
      unit: 'market',
    },
    {
      title: '申报专精特新企业需辅导',
      description: '我公司拟申报专精特新中小企业，对申报条件和材料不熟悉，希望获得辅导。',
      answer: '{unit}已安排专人一对一辅导，企业已按期完成申报。',
      wayForward: '企业研发投入占比暂不符合申报条件，本年度不能申报；{unit}已为企业制定培育计划，纳入后备库跟踪辅导，明年优先推荐。',
      unit: 'industry',
    },
    {
      title: '企业产品希望纳入本地推介目录',
      description: '我公司产品已取得相关认证，希望纳入本地优质产品推介目录，拓展本地市场。',
      answer: '{unit}已完成审核，企业产品已纳入推介目录并在产销对接会上推介。',
      wayForward: '本年度推介目录已发布，暂不能增补；{unit}已将企业产品纳入下一期目录，并邀请企业参加近期产销对接会。',
      unit: 'industry',
    },
    {
      title: '{project}周边施工噪声扰民',
      description: '我公司{project}周边工地夜间施工噪声大，员工宿舍休息受影响，多次沟通无果。',
      answer: '{unit}已对相关工地依法查处，并督促其停止违规夜间施工。',
      wayForward: '该工地持有连续作业夜间施工许可，暂不能禁止施工；{unit}已督促施工单位采取隔声降噪措施，并加强夜间监测。',
      unit: 'ecology',
    },
    {
      title: '希望参加区内产销对接活动',
      description: '我公司希望参加区内组织的产销对接、产学研对接活动，拓展上下游合作。',
      answer: '{unit}已邀请企业参加近期产销对接会，企业已与{n}家上下游企业达成合作意向。',
      wayForward: '本季度产销对接活动名额已满，暂不能安排参加；{unit}已将企业列入下季度活动首批名单，并先行推送上下游企业信息。',
      unit: 'commerce',
    },
  ],
};
