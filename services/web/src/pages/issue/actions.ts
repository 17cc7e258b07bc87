import type { IssueDetail, Me } from '../../api/types.ts';

/**
 * A field of an action's form; `name` is the body key the API expects (packages/contract).
 * `shownWhen` keeps a field out of the form (and its body) until another field takes the value `is`.
 */
export type Field = (
  | { kind: 'text'; name: string; zh: string; en: string; optional?: boolean; rows?: number }
  | { kind: 'choice'; name: string; zh: string; en: string; options: Array<{ value: string; zh: string; en: string }>; optional?: boolean }
  | { kind: 'milestone' | 'pendingDocument' | 'unit'; name: string; zh: string; en: string; optional?: boolean }
  | { kind: 'attachments' | 'attachment'; name: string; zh: string; en: string; optional?: boolean }
  | { kind: 'limit'; name: string; zh: string; en: string }
  | { kind: 'approve'; name: string; zh: string; en: string }
) & { shownWhen?: { field: string; is: string } };

/** One command of the API's ISSUE_ACTIONS as the console offers it: its path, words and form. */
export type ActionSpec = {
  path: string;
  zh: string;
  en: string;
  fields: Field[];
  danger?: boolean;
  fixed?: Record<string, unknown>;
  when(me: Me, issue: IssueDetail, pendingExtension: boolean): boolean;
};

const stageOf = (i: IssueDetail) => i.stage;
const isOwner = (me: Me, i: IssueDetail) => me.kind === 'enterprise' && me.enterpriseId === i.enterpriseId;
const roles = (me: Me) => (me.kind === 'official' ? me.roles : []);
const leadUnit = (me: Me, i: IssueDetail) => me.kind === 'official' && me.unitId !== null && me.unitId === i.leadUnitId && roles(me).some((r) => r === 'handler' || r === 'unit_head');
const unitHead = (me: Me, i: IssueDetail) => me.kind === 'official' && me.unitId === i.leadUnitId && roles(me).includes('unit_head');
const leader = (me: Me, i: IssueDetail) => me.kind === 'official' && me.leaderId !== null && me.leaderId === i.leaderId && roles(me).includes('leader');
const dispatcher = (me: Me) => roles(me).includes('dispatcher');
const working = (i: IssueDetail) => i.stage === 'inProgress';
const OPEN = ['submitted', 'listed', 'awaitingClaim', 'returned', 'inProgress', 'answerReview', 'answerSignOff', 'reopened'];

const note = (optional = false): Field => ({ kind: 'text', name: 'note', zh: '说明', en: 'Note', optional });

/** Every action the console offers, shown when the signed-in user may plausibly take it; the API decides. */
const ACTIONS: ActionSpec[] = [
  // The enterprise
  {
    path: 'supply-info',
    zh: '补充信息',
    en: 'Supply information',
    when: (m, i) => isOwner(m, i) && i.state === 'inProgress.waitingOnEnterprise',
    fields: [
      { kind: 'text', name: 'body', zh: '补充内容', en: 'Information' },
      { kind: 'attachments', name: 'attachmentIds', zh: '附件', en: 'Attachments', optional: true },
    ],
  },
  {
    path: 'add-information',
    zh: '补充说明',
    en: 'Add information',
    when: (m, i) => isOwner(m, i) && OPEN.includes(stageOf(i)) && i.state !== 'inProgress.waitingOnEnterprise',
    fields: [
      { kind: 'text', name: 'body', zh: '补充内容', en: 'Information' },
      { kind: 'attachments', name: 'attachmentIds', zh: '附件', en: 'Attachments', optional: true },
    ],
  },
  {
    path: 'supply-document',
    zh: '补齐容缺材料',
    en: 'Supply a pending document',
    when: (m, i) => (isOwner(m, i) || leadUnit(m, i)) && i.pendingDocuments.some((d) => !d.suppliedAt) && OPEN.includes(stageOf(i)),
    fields: [
      { kind: 'pendingDocument', name: 'pendingDocumentId', zh: '材料', en: 'Document' },
      { kind: 'attachment', name: 'attachmentId', zh: '文件', en: 'File' },
    ],
  },
  {
    path: 'rate',
    zh: '评价答复',
    en: 'Rate the answer',
    when: (m, i) => isOwner(m, i) && stageOf(i) === 'resolved',
    fields: [
      {
        kind: 'choice',
        name: 'resolved',
        zh: '问题是否解决',
        en: 'Resolved?',
        options: [
          { value: 'yes', zh: '已解决', en: 'Yes' },
          { value: 'partly', zh: '部分解决', en: 'Partly' },
          { value: 'no', zh: '未解决', en: 'No' },
        ],
      },
      {
        kind: 'choice',
        name: 'satisfaction',
        zh: '是否满意',
        en: 'Satisfied?',
        options: [
          { value: 'satisfied', zh: '满意', en: 'Satisfied' },
          { value: 'basically', zh: '基本满意', en: 'Basically' },
          { value: 'dissatisfied', zh: '不满意（将重办）', en: 'Dissatisfied (reopens)' },
        ],
      },
      { kind: 'text', name: 'comment', zh: '意见', en: 'Comment', optional: true },
    ],
  },
  {
    path: 'withdraw',
    zh: '撤回诉求',
    en: 'Withdraw',
    danger: true,
    when: (m, i) => isOwner(m, i) && OPEN.includes(stageOf(i)),
    fields: [{ kind: 'text', name: 'reason', zh: '撤回原因', en: 'Reason' }],
  },

  // The dispatcher
  { path: 'dispatch', zh: '派单', en: 'Dispatch', when: (m, i) => dispatcher(m) && stageOf(i) === 'listed', fields: [] },
  {
    path: 'mark-duplicate',
    zh: '标记重复',
    en: 'Mark duplicate',
    when: (m, i) => dispatcher(m) && ['submitted', 'listed'].includes(stageOf(i)),
    // The original as people have it: its number (工单号), e.g. 2026-000123.
    fields: [{ kind: 'text', name: 'duplicateOfNumber', zh: '原诉求工单号（如 2026-000123）', en: 'Original issue number (e.g. 2026-000123)', rows: 1 }, note(true)],
  },
  {
    path: 'rule-return',
    zh: '退单裁定',
    en: 'Rule on the return',
    when: (m, i) => stageOf(i) === 'returned' && (dispatcher(m) || leader(m, i)),
    fields: [
      {
        kind: 'choice',
        name: 'upheld',
        zh: '裁定',
        en: 'Ruling',
        options: [
          { value: 'true', zh: '退单成立，改派', en: 'Upheld: re-dispatch' },
          { value: 'false', zh: '退单不成立，原单位办理', en: 'Not upheld: the unit keeps it' },
        ],
      },
      // Upheld, the issue goes to another unit, which must be named (the API refuses it unnamed).
      { kind: 'unit', name: 'leadUnitId', zh: '改派单位', en: 'New lead unit', shownWhen: { field: 'upheld', is: 'true' } },
      note(),
    ],
  },
  {
    path: 'strike-off',
    zh: '销号',
    en: 'Strike off',
    when: (m, i) => roles(m).some((r) => r === 'dispatcher' || r === 'supervisor') && stageOf(i) === 'resolved',
    fields: [{ kind: 'text', name: 'reason', zh: '销号理由', en: 'Reason' }],
  },

  // The lead unit
  { path: 'claim', zh: '签收', en: 'Claim', when: (m, i) => leadUnit(m, i) && ['awaitingClaim', 'reopened'].includes(stageOf(i)), fields: [] },
  {
    path: 'return',
    zh: '退单',
    en: 'Return',
    danger: true,
    when: (m, i) => leadUnit(m, i) && stageOf(i) === 'awaitingClaim',
    fields: [{ kind: 'text', name: 'reason', zh: '退单理由', en: 'Reason' }],
  },
  {
    path: 'first-contact',
    zh: '先行联系',
    en: 'First contact',
    when: (m, i) => leadUnit(m, i) && working(i) && !i.replies.some((r) => r.kind === 'first_contact'),
    fields: [
      {
        kind: 'choice',
        name: 'channel',
        zh: '联系方式',
        en: 'Channel',
        options: [
          { value: 'phone', zh: '电话', en: 'Phone' },
          { value: 'visit', zh: '上门', en: 'Visit' },
          { value: 'meeting', zh: '会商', en: 'Meeting' },
          { value: 'message', zh: '短信/消息', en: 'Message' },
        ],
      },
      note(),
    ],
  },
  {
    path: 'milestone-report',
    zh: '报告节点',
    en: 'Report a milestone',
    when: (m, i) => leadUnit(m, i) && working(i) && i.milestones.some((x) => !x.doneAt),
    fields: [{ kind: 'milestone', name: 'milestoneId', zh: '节点', en: 'Milestone' }, note()],
  },
  { path: 'interim-reply', zh: '阶段答复', en: 'Interim reply', when: (m, i) => leadUnit(m, i) && working(i), fields: [{ kind: 'text', name: 'body', zh: '答复内容', en: 'Reply' }] },
  {
    path: 'request-info',
    zh: '请企业补充（暂停计时）',
    en: 'Ask the enterprise (pause)',
    when: (m, i) => leadUnit(m, i) && i.state === 'inProgress.working',
    fields: [{ kind: 'text', name: 'body', zh: '需补充的内容', en: 'What is needed' }],
  },
  { path: 'resume', zh: '恢复办理', en: 'Resume', when: (m, i) => leadUnit(m, i) && i.state === 'inProgress.waitingOnEnterprise', fields: [note()] },
  {
    path: 'extension',
    zh: '申请延期',
    en: 'Request an extension',
    when: (m, i, pending) => leadUnit(m, i) && working(i) && !pending,
    fields: [
      { kind: 'limit', name: 'amount', zh: '延长', en: 'Extend by' },
      { kind: 'text', name: 'reason', zh: '理由', en: 'Reason' },
    ],
  },
  {
    path: 'resolve',
    zh: '提交办结答复',
    en: 'Submit the final answer',
    when: (m, i) => leadUnit(m, i) && working(i),
    fields: [
      { kind: 'text', name: 'body', zh: '答复内容', en: 'Answer', rows: 4 },
      {
        kind: 'choice',
        name: 'outcome',
        zh: '办理结果',
        en: 'Outcome',
        options: [
          { value: 'positive', zh: '可以办理', en: 'Positive' },
          { value: 'negative', zh: '暂不能按诉求办理', en: 'Negative' },
        ],
      },
      { kind: 'text', name: 'wayForward', zh: '解决路径（否定答复必填：不说“不能办”，只说“怎么办”）', en: 'Way forward (required when negative)', optional: true },
    ],
  },
  {
    path: 'assist-answer',
    zh: '协办答复',
    en: 'Answer as assisting unit',
    when: (m, i) => m.kind === 'official' && i.assists.some((a) => a.unitId === m.unitId && !a.answeredAt) && working(i),
    fields: [{ kind: 'text', name: 'body', zh: '协办意见', en: 'Answer' }],
  },
  {
    path: 'review',
    zh: '审核答复',
    en: 'Review the answer',
    when: (m, i) => unitHead(m, i) && stageOf(i) === 'answerReview',
    fields: [{ kind: 'approve', name: 'approve', zh: '审核意见', en: 'Decision' }, note(true)],
  },

  // The leader
  {
    path: 'sign-off',
    zh: '签批否定答复',
    en: 'Sign off the negative answer',
    when: (m, i) => leader(m, i) && stageOf(i) === 'answerSignOff',
    fields: [{ kind: 'approve', name: 'approve', zh: '签批意见', en: 'Decision' }, note(true)],
  },
  { path: 'extension/approve', zh: '同意延期', en: 'Approve extension', when: (m, i, pending) => leader(m, i) && working(i) && pending, fields: [note(true)] },
  { path: 'extension/deny', zh: '不同意延期', en: 'Deny extension', danger: true, when: (m, i, pending) => leader(m, i) && working(i) && pending, fields: [note(true)] },
];

/** The actions to offer this user on this issue. */
export const actionsFor = (me: Me, issue: IssueDetail, pendingExtension: boolean) => (issue.closedAt ? [] : ACTIONS.filter((a) => a.when(me, issue, pendingExtension)));
