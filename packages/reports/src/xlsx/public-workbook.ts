import type { PublicFigures } from '../public-figures.ts';
import { addSheet, newWorkbook, toBuffer, THREE_RATE_COLUMNS, threeRateCells } from './sheet.ts';

/** Sheets of the public workbook, in order. */
export const PUBLIC_SHEETS = ['单位三率', '按类别'] as const;

/** 政务公开 as XLSX: figures only, the same as the public page (no issue, enterprise or person). */
export async function publicWorkbook(f: PublicFigures): Promise<Buffer> {
  const wb = newWorkbook();
  const label = new Map(f.periods.map((p) => [p.id, p.label]));
  addSheet(
    wb,
    PUBLIC_SHEETS[0],
    [
      { header: '期间', width: 30 },
      { header: '单位', width: 16 },
      { header: '得分', width: 8 },
      ...THREE_RATE_COLUMNS,
      { header: '受理', width: 6 },
      { header: '办结', width: 6 },
      { header: '超期', width: 6 },
      { header: '办理时长中位数（小时）', width: 14 },
    ],
    f.units.map((u) => [label.get(u.periodId) ?? u.periodId, u.unitName, u.score, ...threeRateCells(u), u.filed, u.closed, u.overdue, u.medianHandlingHours]),
  );
  addSheet(
    wb,
    PUBLIC_SHEETS[1],
    [
      { header: '期间', width: 30 },
      { header: '类别', width: 16 },
      { header: '受理', width: 6 },
      { header: '办结', width: 6 },
      { header: '办理时长中位数（小时）', width: 14 },
    ],
    f.categories.map((c) => [label.get(c.periodId) ?? c.periodId, c.categoryName, c.filed, c.closed, c.medianHandlingHours]),
  );
  return toBuffer(wb);
}
