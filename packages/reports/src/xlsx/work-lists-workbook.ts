import { shanghaiText } from '@huiyin/calendar';
import { addSheet, newWorkbook, toBuffer, type Cell, type Column } from './sheet.ts';

const STAGE_NAMES: Record<string, string> = {
  submitted: '已提交',
  listed: '已列单',
  awaitingClaim: '待签收',
  returned: '退单待裁定',
  inProgress: '办理中',
  answerReview: '答复审核中',
  answerSignOff: '待领导签批',
  resolved: '已答复待评价',
  reopened: '重办',
  closed: '已销号',
  withdrawn: '已撤回',
  duplicate: '重复件',
};
const TRACK_NAMES: Record<string, string> = { on_time: '正常', reminded: '即将到期', yellow: '黄牌', red: '红牌', leader: '提级领导', supervision: '督办' };
const TASK_NAMES: Record<string, string> = {
  list: '列单派单',
  ruleReturn: '退单裁定',
  claim: '待签收',
  handle: '办理',
  assist: '协办',
  review: '审核答复',
  signOff: '签批',
  extension: '延期审批',
  escalated: '提级事项',
  supervisionOrder: '督办单回复',
  firstResponse: '首问跟进',
};

/** An issue as the lists hand it over (诉求查询, the board's overdue list): the fields a sheet shows. */
export type ExportIssue = {
  number: string;
  title: string;
  stage: string;
  statusNote: string;
  track: string;
  greenChannel: boolean;
  enterpriseName: string;
  categoryName: string;
  leaderName: string | null;
  leadUnitName: string | null;
  filedAt: Date | string;
  pressingDueAt: Date | string | null;
  handlingDueAt: Date | string | null;
  closedAt: Date | string | null;
};

/** A task of the 待办 list as a sheet shows it. */
export type ExportTask = { number: string; title: string; enterpriseName: string; task: string; dueAt: Date | string | null; track: string };

/** Headers of an issue sheet, in order. */
export const ISSUE_SHEET_HEADERS = ['编号', '诉求', '企业', '类别', '分包领导', '责任单位', '状态', '当前进度', '预警', '绿色通道', '提交时间', '最紧时限', '办理时限', '办结时间'] as const;
/** Headers of the 待办 sheet, in order. */
export const TASK_SHEET_HEADERS = ['编号', '诉求', '企业', '待办事项', '期限', '预警'] as const;

const widths = (headers: readonly string[], w: number[]): Column[] => headers.map((header, i) => ({ header, width: w[i] ?? 12 }));

/**
 * A list of issues as an XLSX workbook of one sheet named `sheet`, in the order given, with a
 * closing line when the list was cut at `cap` (`total` more than the rows).
 */
export async function issueListWorkbook(sheet: string, issues: ExportIssue[], truncatedAt?: number): Promise<Buffer> {
  const wb = newWorkbook();
  const rows = issues.map((i): Cell[] => [
    i.number,
    i.title,
    i.enterpriseName,
    i.categoryName,
    i.leaderName,
    i.leadUnitName,
    STAGE_NAMES[i.stage] ?? i.stage,
    i.statusNote,
    TRACK_NAMES[i.track] ?? i.track,
    i.greenChannel ? '是' : '',
    shanghaiText(i.filedAt, ''),
    shanghaiText(i.pressingDueAt, ''),
    shanghaiText(i.handlingDueAt, ''),
    shanghaiText(i.closedAt, ''),
  ]);
  if (truncatedAt !== undefined) rows.push([`（仅导出前 ${truncatedAt} 件，请缩小筛选范围）`]);
  addSheet(wb, sheet, widths(ISSUE_SHEET_HEADERS, [14, 30, 24, 12, 10, 14, 12, 40, 8, 8, 17, 17, 17, 17]), rows);
  return toBuffer(wb);
}

/** The 待办 list as an XLSX workbook (sheet 待办事项), soonest due first as the list is. */
export async function taskListWorkbook(tasks: ExportTask[], truncatedAt?: number): Promise<Buffer> {
  const wb = newWorkbook();
  const rows = tasks.map((t): Cell[] => [t.number, t.title, t.enterpriseName, TASK_NAMES[t.task] ?? t.task, shanghaiText(t.dueAt, ''), TRACK_NAMES[t.track] ?? t.track]);
  if (truncatedAt !== undefined) rows.push([`（仅导出前 ${truncatedAt} 项）`]);
  addSheet(wb, '待办事项', widths(TASK_SHEET_HEADERS, [14, 30, 24, 12, 17, 10]), rows);
  return toBuffer(wb);
}
