import ExcelJS from 'exceljs';
import type { Rate } from '../rate.ts';

export type Cell = string | number | Date | null;
export type Column = { header: string; width?: number; percent?: boolean };

/**
 * Adds a sheet: a bold, frozen header row, then the rows. Percent columns hold the ratio as a
 * number (0.857, shown 85.7%), so the sheet computes with the same figures the page shows.
 */
export function addSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Cell[][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 } });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 2), ...(c.percent ? { style: { numFmt: '0.0%' } } : {}) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  return ws;
}

/** A rate as its cell: the ratio, or a dash when nothing was due. */
export const rateCell = (r: Rate): Cell => r.rate ?? '—';

/** `按时/应计` as text, so the parts behind a rate are on the sheet too. */
const partsCell = (r: Rate): Cell => `${r.num}/${r.den}`;

/** The 三率 as six columns: each rate and the parts behind it. */
export const THREE_RATE_COLUMNS: Column[] = [
  { header: '响应率', percent: true },
  { header: '按时签收/应签收' },
  { header: '解决率', percent: true },
  { header: '按时办结/应办结' },
  { header: '满意率', percent: true },
  { header: '满意/评价' },
];

/** The cells under {@link THREE_RATE_COLUMNS}. */
export const threeRateCells = (r: { response: Rate; resolution: Rate; satisfaction: Rate }): Cell[] => [
  rateCell(r.response),
  partsCell(r.response),
  rateCell(r.resolution),
  partsCell(r.resolution),
  rateCell(r.satisfaction),
  partsCell(r.satisfaction),
];

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Huiyin 回音';
  return wb;
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
