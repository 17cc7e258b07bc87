import type { PublicFigures } from '../public-figures.ts';
import { addSheet, newWorkbook, partsCell, rateCell, toBuffer } from './sheet.ts';

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
      { header: '响应率', percent: true },
      { header: '按时签收/应签收' },
      { header: '解决率', percent: true },
      { header: '按时办结/应办结' },
      { header: '满意率', percent: true },
      { header: '满意/评价' },
      { header: '受理', width: 6 },
      { header: '办结', width: 6 },
      { header: '超期', width: 6 },
      { header: '办理时长中位数（小时）', width: 14 },
    ],
    f.units.map((u) => [
      label.get(u.periodId) ?? u.periodId,
      u.unitName,
      u.score,
      rateCell(u.response),
      partsCell(u.response),
      rateCell(u.resolution),
      partsCell(u.resolution),
      rateCell(u.satisfaction),
      partsCell(u.satisfaction),
      u.filed,
      u.closed,
      u.overdue,
      u.medianHandlingHours,
    ]),
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
