import { shanghaiText } from '@huiyin/calendar';
import type ExcelJS from 'exceljs';
import type { BulletinContent } from '../build-bulletin.ts';

import { addSheet, type Cell } from './sheet.ts';

/**
 * Adds the 概况 sheet a bulletin and a monthly pack both open with: the period row (`periodName`
 * such as 通报期间 or 月份), the time the data stands at, the issue totals, then `more` rows of
 * the report's own. The 内容 column is `width` wide (a bulletin's formulas need more room).
 */
export function addOverviewSheet(
  wb: ExcelJS.Workbook,
  o: { width: number; periodName: string; periodLabel: string; asOf: Date | string; totals: BulletinContent['totals']; more: Cell[][] },
): ExcelJS.Worksheet {
  const t = o.totals;
  return addSheet(
    wb,
    '概况',
    [
      { header: '项目', width: 16 },
      { header: '内容', width: o.width },
    ],
    [
      [o.periodName, o.periodLabel],
      ['数据截至', shanghaiText(o.asOf, '')],
      ['受理', t.filed],
      ['签收', t.claimed],
      ['答复办结', t.resolved],
      ['销号', t.closed],
      ['超期', t.overdue],
      ['红牌', t.redCards],
      ['提级督办', t.escalated],
      ...o.more,
    ],
  );
}
