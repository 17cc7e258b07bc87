import type ExcelJS from 'exceljs';
import { addSheet, type Cell } from './sheet.ts';

/**
 * The shape of the key-project section (`sections.projects`) as the sheets read it. The section
 * is computed by the engine's `projectBulletinSection`; reports only lay it out.
 */
export type ProjectSectionView = {
  investment: {
    byType: Array<{ typeName: string; count: number; totalInvestment: number; plannedInvestmentYear: number; investmentCompleted: number }>;
    total: { count: number; totalInvestment: number; plannedInvestmentYear: number; investmentCompleted: number };
  };
  lateMilestones: {
    total: number;
    groups: Array<{ leaderName: string; unitName: string; late: number; milestones: Array<{ projectName: string; name: string; dueOn: string; percent: number; daysLate: number }> }>;
  };
  reports: { periodEnd: string | null; missing: Array<{ projectName: string; unitName: string; leaderName: string }> };
};

/** Whether a stored section has the shape the sheets read (a snapshot from an older build may not). */
export function isProjectSection(value: unknown): value is ProjectSectionView {
  const v = value as Partial<ProjectSectionView> | null | undefined;
  return Boolean(v && Array.isArray(v.investment?.byType) && Array.isArray(v.lateMilestones?.groups) && Array.isArray(v.reports?.missing));
}

export const PROJECT_SHEETS = ['重点项目投资', '滞后节点', '未报进度'] as const;

/** 重点项目 sheets: investment by type (万元), late milestones by leader and unit, missing progress reports. */
export function addProjectSheets(wb: ExcelJS.Workbook, section: ProjectSectionView): void {
  const { byType, total } = section.investment;
  const money = (row: { count: number; totalInvestment: number; plannedInvestmentYear: number; investmentCompleted: number }): Cell[] => [
    row.count,
    row.totalInvestment,
    row.plannedInvestmentYear,
    row.investmentCompleted,
    row.plannedInvestmentYear > 0 ? row.investmentCompleted / row.plannedInvestmentYear : '—',
  ];
  addSheet(
    wb,
    '重点项目投资',
    [
      { header: '类型', width: 14 },
      { header: '项目数', width: 8 },
      { header: '总投资（万元）', width: 16 },
      { header: '年度计划（万元）', width: 16 },
      { header: '已完成（万元）', width: 16 },
      { header: '完成年度计划', percent: true, width: 14 },
    ],
    [...byType.map((t) => [t.typeName, ...money(t)]), ['合计', ...money(total)]],
  );
  addSheet(
    wb,
    '滞后节点',
    [
      { header: '分包领导', width: 10 },
      { header: '责任单位', width: 14 },
      { header: '项目', width: 30 },
      { header: '节点', width: 24 },
      { header: '计划完成', width: 12 },
      { header: '进度%', width: 8 },
      { header: '滞后天数', width: 9 },
    ],
    section.lateMilestones.groups.flatMap((g) => g.milestones.map((m): Cell[] => [g.leaderName, g.unitName, m.projectName, m.name, m.dueOn, m.percent, m.daysLate])),
  );
  addSheet(
    wb,
    '未报进度',
    [
      { header: '报告截止', width: 12 },
      { header: '项目', width: 30 },
      { header: '责任单位', width: 14 },
      { header: '分包领导', width: 10 },
    ],
    section.reports.missing.map((p): Cell[] => [section.reports.periodEnd, p.projectName, p.unitName, p.leaderName]),
  );
}
