import type { HotSpot } from '../hot-spots.ts';
import { LAG_REASONS, type MonthlyPack } from '../monthly-pack.ts';

import { scoreColumns, scoreRowCells } from './bulletin-workbook.ts';
import { addOverviewSheet } from './overview-sheet.ts';
import { addProjectSheets, isProjectSection } from './project-sheets.ts';
import { addSheet, newWorkbook, toBuffer, type Cell } from './sheet.ts';

export const MONTHLY_PACK_SHEETS = ['概况', '滞后事项', '按领导', '按单位', '单位三率', '热点'] as const;

const hotRows = (kind: string, xs: HotSpot[]): Cell[][] => xs.map((h) => [kind, h.name, h.count, h.previous, h.change, h.changeRate ?? '—', h.open]);

/** 每月推进会 materials as XLSX. */
export async function monthlyPackWorkbook(pack: MonthlyPack): Promise<Buffer> {
  const wb = newWorkbook();
  addOverviewSheet(wb, { width: 40, periodName: '月份', periodLabel: pack.month.label, asOf: pack.asOf, totals: pack.totals, more: [['滞后事项', pack.lagging.length]] });
  addSheet(
    wb,
    '滞后事项',
    [
      { header: '编号', width: 16 },
      { header: '诉求', width: 30 },
      { header: '企业', width: 24 },
      { header: '分包领导', width: 10 },
      { header: '责任单位', width: 14 },
      { header: '滞后原因', width: 40 },
      { header: '是否办结', width: 8 },
    ],
    pack.lagging.map((i) => [i.number, i.title, i.enterpriseName, i.leaderName, i.unitName, i.reasons.map((r) => LAG_REASONS[r]).join('、'), i.open ? '未办结' : '已办结']),
  );
  addSheet(
    wb,
    '按领导',
    [
      { header: '分包领导', width: 12 },
      { header: '滞后件数', width: 9 },
      { header: '未办结', width: 8 },
      { header: '涉及单位', width: 50 },
    ],
    pack.byLeader.map((g) => [g.name, g.issues, g.open, g.others.join('、')]),
  );
  addSheet(
    wb,
    '按单位',
    [
      { header: '责任单位', width: 14 },
      { header: '滞后件数', width: 9 },
      { header: '未办结', width: 8 },
      { header: '分包领导', width: 50 },
    ],
    pack.byUnit.map((g) => [g.name, g.issues, g.open, g.others.join('、')]),
  );
  addSheet(wb, '单位三率', scoreColumns('单位'), pack.units.map(scoreRowCells));
  addSheet(
    wb,
    '热点',
    [
      { header: '维度', width: 8 },
      { header: '名称', width: 24 },
      { header: `近${pack.hotSpots.window.days}天`, width: 9 },
      { header: '上一周期', width: 9 },
      { header: '增减', width: 6 },
      { header: '增减率', percent: true },
      { header: '未办结', width: 8 },
    ],
    [...hotRows('类别', pack.hotSpots.byCategory), ...hotRows('企业', pack.hotSpots.byEnterprise), ...hotRows('行业', pack.hotSpots.byIndustry)],
  );
  // 同类问题: one problem from several enterprises, with the unit that would take it on as one task.
  addSheet(
    wb,
    '同类问题',
    [
      { header: '问题', width: 30 },
      { header: '企业数', width: 8 },
      { header: `近${pack.hotSpots.window.days}天`, width: 9 },
      { header: '上一周期', width: 9 },
      { header: '增减率', percent: true },
      { header: '未办结', width: 8 },
      { header: '主办单位', width: 14 },
      { header: '工单号', width: 40 },
      { header: '治理任务', width: 26 },
    ],
    pack.hotSpots.byProblem.map((p) => [
      p.name,
      p.enterprises,
      p.count,
      p.previous,
      p.changeRate ?? '—',
      p.open,
      p.leadUnitName ?? '—',
      p.issues.map((i) => i.number).join('、'),
      // 主动治理: whether the problem was made one task for a unit, and whether the unit replied.
      p.governanceTask ? `已立治理任务 · ${p.governanceTask.repliedAt ? '已回复' : '待回复'}（${p.governanceTask.unitName ?? '—'}）` : '—',
    ]),
  );
  // 重点项目 sheets follow when the pack carries the key-project section.
  if (isProjectSection(pack.sections['projects'])) addProjectSheets(wb, pack.sections['projects']);
  return toBuffer(wb);
}
