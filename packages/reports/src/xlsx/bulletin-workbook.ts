import { shanghaiText } from '@huiyin/calendar';
import type { BulletinContent } from '../build-bulletin.ts';

import type { ScoreRow } from '../score-rows.ts';
import { addOverviewSheet } from './overview-sheet.ts';
import { addProjectSheets, isProjectSection } from './project-sheets.ts';
import { addSheet, newWorkbook, rateCell, toBuffer, type Cell, type Column, THREE_RATE_COLUMNS, threeRateCells } from './sheet.ts';

export const REASON_NAMES: Record<string, string> = { unreasonable: '诉求不合理', duplicate: '重复诉求', malicious: '恶意诉求' };
export const APPEAL_STATUS_NAMES: Record<string, string> = { pending: '待决定', accepted: '同意', rejected: '不同意' };
export const CLOCK_NAMES: Record<string, string> = { listing: '列单派单', claim: '签收', handling: '办理', assist: '协办' };
export const ESCALATION_NAMES: Record<string, string> = { leader: '已提级至分包领导', supervision: '已提级督办' };

/** The columns of a 三率 sheet; `who` is 单位 or 领导. */
export function scoreColumns(who: string): Column[] {
  return [
    { header: '排名', width: 6 },
    { header: who, width: 16 },
    { header: '计分件数', width: 9 },
    { header: '得分', width: 8 },
    ...THREE_RATE_COLUMNS,
    { header: '退单率', percent: true },
    { header: '重办率', percent: true },
    { header: '先行联系及时率', percent: true },
    { header: '受理', width: 6 },
    { header: '签收', width: 6 },
    { header: '办结', width: 6 },
    { header: '销号', width: 6 },
    { header: '超期', width: 6 },
    { header: '失分原因', width: 60 },
  ];
}

export function scoreRowCells(r: ScoreRow): Cell[] {
  const causes = [...r.causes.map((c) => c.text), ...r.excluded.map((e) => `经申诉不计：${e.number}`)].join('；');
  return [
    r.rank ?? '不排名',
    r.name,
    r.issues,
    r.score,
    ...threeRateCells(r),
    rateCell(r.returnRate),
    rateCell(r.redoRate),
    // A snapshot frozen before first contact was measured has no such rate.
    r.firstContactRate ? rateCell(r.firstContactRate) : null,
    r.counts.filed,
    r.counts.claimed,
    r.counts.resolved,
    r.counts.closed,
    r.counts.overdue,
    causes,
  ];
}

/** Sheet names of a bulletin's XLSX, in order. */
export const BULLETIN_SHEETS = ['概况', '单位三率', '领导三率', '红黑榜', '红牌清单', '申诉', '督办超期未复'] as const;

/** A bulletin (as the viewer may read it) as an XLSX workbook. */
export async function bulletinWorkbook(content: BulletinContent): Promise<Buffer> {
  const wb = newWorkbook();
  const f = content.formulas;
  addOverviewSheet(wb, {
    width: 100,
    periodName: '通报期间',
    periodLabel: content.period.label,
    asOf: content.asOf,
    totals: content.totals,
    more: [
      ['参与排名最低件数', content.minIssues],
      ['口径·响应率', f.response],
      ['口径·解决率', f.resolution],
      ['口径·满意率', f.satisfaction],
      ['口径·退单率', f.returnRate],
      ['口径·重办率', f.redoRate],
      ...(f.firstContactRate ? [['口径·先行联系及时率', f.firstContactRate] as [string, string]] : []),
      ['口径·得分', f.score],
      ['口径·排名', f.ranking],
      ['口径·申诉', f.appeals],
    ],
  });
  addSheet(wb, '单位三率', scoreColumns('单位'), content.units.map(scoreRowCells));
  addSheet(wb, '领导三率', scoreColumns('领导'), content.leaders.map(scoreRowCells));
  addSheet(
    wb,
    '红黑榜',
    [
      { header: '榜别', width: 8 },
      { header: '名次', width: 6 },
      { header: '单位', width: 16 },
      { header: '得分', width: 8 },
    ],
    [...content.redBlack.red.map((r): Cell[] => ['红榜', r.rank, r.name, r.score]), ...content.redBlack.black.map((r): Cell[] => ['黑榜', r.rank, r.name, r.score])],
  );
  addSheet(
    wb,
    '红牌清单',
    [
      { header: '编号', width: 16 },
      { header: '诉求', width: 30 },
      { header: '企业', width: 24 },
      { header: '责任单位', width: 14 },
      { header: '分包领导', width: 10 },
      { header: '环节', width: 6 },
      { header: '红牌时间', width: 17 },
      { header: '提级', width: 16 },
    ],
    content.redCards.map((c) => [
      c.number,
      c.title,
      c.enterpriseName,
      c.unitName,
      c.leaderName,
      CLOCK_NAMES[c.clock] ?? c.clock,
      c.redAt ? shanghaiText(c.redAt, '') : '（前期已亮牌）',
      c.escalatedTo ? (ESCALATION_NAMES[c.escalatedTo] ?? c.escalatedTo) : '',
    ]),
  );
  addSheet(
    wb,
    '申诉',
    [
      { header: '编号', width: 16 },
      { header: '诉求', width: 30 },
      { header: '申诉单位', width: 14 },
      { header: '申诉理由', width: 12 },
      { header: '说明', width: 40 },
      { header: '申诉时间', width: 17 },
      { header: '决定', width: 8 },
      { header: '决定时间', width: 17 },
      { header: '决定理由', width: 40 },
    ],
    content.appeals.map((a) => [
      a.number,
      a.title,
      a.unitName,
      REASON_NAMES[a.reason] ?? a.reason,
      a.text,
      shanghaiText(a.filedAt, ''),
      APPEAL_STATUS_NAMES[a.status] ?? a.status,
      a.decidedAt ? shanghaiText(a.decidedAt, '') : '',
      a.decisionNote ?? '',
    ]),
  );
  addSheet(
    wb,
    '督办超期未复',
    [
      { header: '编号', width: 16 },
      { header: '诉求或项目', width: 30 },
      { header: '责任单位', width: 14 },
      { header: '回复时限', width: 17 },
      { header: '回复时间', width: 17 },
      { header: '提级时间', width: 17 },
    ],
    (content.lateOrders ?? []).map((o) => [
      o.number ?? '重点项目',
      o.title,
      o.unitName ?? '',
      shanghaiText(o.dueAt, ''),
      o.repliedAt ? shanghaiText(o.repliedAt, '') : '未回复',
      o.escalatedAt ? shanghaiText(o.escalatedAt, '') : '',
    ]),
  );
  // 重点项目 sheets follow when the bulletin was stored with the key-project section.
  if (isProjectSection(content.sections['projects'])) addProjectSheets(wb, content.sections['projects']);
  return toBuffer(wb);
}
