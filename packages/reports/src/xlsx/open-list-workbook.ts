import { shanghaiText } from '@huiyin/calendar';
import type { OpenList } from '../open-list.ts';

import { addSheet, newWorkbook, toBuffer, type Cell } from './sheet.ts';

const TRACK_NAMES: Record<string, string> = { on_time: '正常', reminded: '已提醒', yellow: '黄牌', red: '红牌', leader: '提级领导', supervision: '提级督办' };

/** Headers of each sheet of the open list. */
export const OPEN_LIST_HEADERS = ['分组', '编号', '诉求', '企业', '分包领导', '责任单位', '当前进度', '签收时限', '办理时限', '超期', '预警'] as const;

function sheetRows(list: OpenList): Cell[][] {
  const rows: Cell[][] = [];
  for (const g of list.groups) {
    rows.push([`${g.name}（${g.open} 件，超期 ${g.overdue}，红牌 ${g.red}，黄牌 ${g.yellow}）`, null, null, null, null, null, null, null, null, null, null]);
    for (const i of list.items.filter((x) => x.groupId === g.id)) {
      rows.push([
        g.name,
        i.number,
        i.title,
        i.enterpriseName,
        i.leaderName,
        i.unitName,
        i.statusNote,
        shanghaiText(i.claimDueAt, ''),
        shanghaiText(i.handlingDueAt, ''),
        i.overdue ? '是' : '',
        TRACK_NAMES[i.track] ?? i.track,
      ]);
    }
  }
  return rows;
}

/** 未办结事项清单 as XLSX: one sheet by leader, one by unit, each group headed by its counts. */
export async function openListWorkbook(byLeader: OpenList, byUnit: OpenList): Promise<Buffer> {
  const wb = newWorkbook();
  const widths = [16, 16, 30, 24, 10, 14, 40, 17, 17, 6, 8];
  const columns = OPEN_LIST_HEADERS.map((header, i) => ({ header, width: widths[i] ?? 12 }));
  addSheet(wb, '按领导', columns, sheetRows(byLeader));
  addSheet(wb, '按单位', columns, sheetRows(byUnit));
  return toBuffer(wb);
}
