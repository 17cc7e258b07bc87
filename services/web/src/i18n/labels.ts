import type { Lang } from './locale.tsx';

type Pair = readonly [zh: string, en: string];
const pick = (pair: Pair | undefined, lang: Lang, fallback: string) => (pair ? pair[lang === 'zh' ? 0 : 1] : fallback);

const STAGES: Record<string, Pair> = {
  submitted: ['已提交', 'Submitted'],
  listed: ['已列单', 'Listed'],
  awaitingClaim: ['待签收', 'Awaiting claim'],
  returned: ['退单待裁定', 'Returned'],
  inProgress: ['办理中', 'In progress'],
  answerReview: ['答复审核中', 'Answer in review'],
  answerSignOff: ['待领导签批', 'Awaiting sign-off'],
  resolved: ['已答复待评价', 'Answered, awaiting rating'],
  reopened: ['重办', 'Reopened'],
  closed: ['已销号', 'Closed'],
  withdrawn: ['已撤回', 'Withdrawn'],
  duplicate: ['重复件', 'Duplicate'],
};

const TRACKS: Record<string, Pair> = {
  on_time: ['正常', 'On time'],
  reminded: ['即将到期', 'Reminder'],
  yellow: ['黄牌', 'Yellow card'],
  red: ['红牌', 'Red card'],
  leader: ['提级领导', 'Escalated to leader'],
  supervision: ['督办', 'Supervision'],
};

const TASKS: Record<string, Pair> = {
  list: ['列单派单', 'List and dispatch'],
  ruleReturn: ['退单裁定', 'Rule on return'],
  claim: ['待签收', 'Claim'],
  handle: ['办理', 'Handle'],
  assist: ['协办', 'Assist'],
  review: ['审核答复', 'Review answer'],
  signOff: ['签批', 'Sign off'],
  extension: ['延期审批', 'Extension'],
  escalated: ['提级事项', 'Escalated'],
  supervisionOrder: ['督办单回复', 'Supervision order'],
  firstResponse: ['首问跟进', 'First responder follow-up'],
};

const ROLES: Record<string, Pair> = {
  handler: ['承办人', 'Handler'],
  unit_head: ['单位负责人', 'Unit head'],
  leader: ['分包领导', 'Leader'],
  dispatcher: ['营商办', 'Dispatcher'],
  supervisor: ['督查', 'Supervisor'],
  admin: ['管理员', 'Admin'],
};

const EVENTS: Record<string, Pair> = {
  file: ['提交诉求', 'Filed'],
  list: ['列单', 'Listed'],
  dispatch: ['派单', 'Dispatched'],
  claim: ['签收', 'Claimed'],
  return: ['退单', 'Returned'],
  ruleReturn: ['退单裁定', 'Return ruled'],
  recordFirstContact: ['先行联系', 'First contact'],
  reportMilestone: ['节点完成', 'Milestone reported'],
  interimReply: ['阶段答复', 'Interim reply'],
  requestInfo: ['请企业补充信息', 'Information requested'],
  supplyInfo: ['企业补充信息', 'Information supplied'],
  addInformation: ['企业补充说明', 'Information added'],
  resumeHandling: ['恢复办理', 'Resumed'],
  supplyDocument: ['容缺材料补齐', 'Document supplied'],
  requestExtension: ['申请延期', 'Extension requested'],
  approveExtension: ['同意延期', 'Extension approved'],
  denyExtension: ['不同意延期', 'Extension denied'],
  answerAssist: ['协办答复', 'Assist answered'],
  resolve: ['提交答复', 'Answer submitted'],
  reviewAnswer: ['审核答复', 'Answer reviewed'],
  signOff: ['领导签批', 'Signed off'],
  rate: ['企业评价', 'Rated'],
  withdraw: ['撤回', 'Withdrawn'],
  strikeOff: ['销号', 'Struck off'],
  trackStep: ['时限提醒', 'Track step'],
  supervisionReply: ['督办回复', 'Supervision reply'],
  supervisionOrder: ['下发督办单', 'Supervision order issued'],
  governanceTask: ['列入主动治理任务', 'Taken into a governance task'],
  pressReminder: ['催办', 'Pressed for an answer'],
  recomputeDue: ['时限重算', 'Due time recomputed'],
  markDuplicate: ['标记重复', 'Marked duplicate'],
  linkRelated: ['关联诉求', 'Linked to a related issue'],
  unlinkRelated: ['取消关联', 'Unlinked from a related issue'],
  ratingTimeout: ['评价超时', 'Rating timed out'],
};

/** The clocks a track runs on (a 督办单 names the one that ran out). */
const CLOCKS: Record<string, Pair> = {
  listing: ['列单时限', 'listing'],
  claim: ['签收时限', 'claim'],
  handling: ['办理时限', 'handling'],
  supplement: ['容缺补正时限', 'supplement'],
  rating: ['评价时限', 'rating'],
  assist: ['协办时限', 'assist'],
  milestone: ['节点时限', 'milestone'],
  report: ['进度报告时限', 'progress report'],
};

const SATISFACTION: Record<string, Pair> = { satisfied: ['满意', 'Satisfied'], basically: ['基本满意', 'Basically satisfied'], dissatisfied: ['不满意', 'Dissatisfied'] };
const RESOLVED: Record<string, Pair> = { yes: ['已解决', 'Resolved'], partly: ['部分解决', 'Partly'], no: ['未解决', 'Not resolved'] };
const UNITS: Record<string, Pair> = {
  workingDays: ['个工作日', ' working days'],
  workingHours: ['个工作小时', ' working hours'],
  hours: ['小时', ' hours'],
  minutes: ['分钟', ' minutes'],
  seconds: ['秒', ' seconds'],
};

export const stageLabel = (s: string, lang: Lang) => pick(STAGES[s], lang, s);
export const trackLabel = (s: string, lang: Lang) => pick(TRACKS[s], lang, s);
export const taskLabel = (s: string, lang: Lang) => pick(TASKS[s], lang, s);
export const roleLabel = (s: string, lang: Lang) => pick(ROLES[s], lang, s);
export const eventLabel = (s: string, lang: Lang) => pick(EVENTS[s], lang, s);
export const clockLabel = (s: string, lang: Lang) => pick(CLOCKS[s], lang, s);
export const satisfactionLabel = (s: string, lang: Lang) => pick(SATISFACTION[s], lang, s);
export const resolvedLabel = (s: string, lang: Lang) => pick(RESOLVED[s], lang, s);
/** A time unit's name alone (a unit picker's option). */
export const unitName = (u: string, lang: Lang) => pick(UNITS[u], lang, u).trim().replace(/^个/, '');
export const limitLabel = (l: { amount: number; unit: string } | null | undefined, lang: Lang) => (l ? `${l.amount}${pick(UNITS[l.unit], lang, ` ${l.unit}`)}` : '—');
