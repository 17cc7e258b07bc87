import { shanghaiText } from '@huiyin/calendar';
import type { OpenList } from '../open-list.ts';
import { esc, printPage, printTable } from './html.ts';

const TRACK_NAMES: Record<string, string> = { on_time: '正常', reminded: '已提醒', yellow: '黄牌', red: '红牌', leader: '提级领导', supervision: '提级督办' };

/**
 * 未办结事项清单 as a print document: every issue of the list, group by group (each headed by its
 * counts), and a closing line saying how many were printed of how many there are, so a sheet
 * that leaves rows out says so.
 */
export function openListPrint(list: OpenList): string {
  const byLeader = list.groupBy === 'leader';
  const other = byLeader ? '责任单位' : '分包领导';
  let n = 0;
  const sections = list.groups.map((g) => {
    const items = list.items.filter((x) => x.groupId === g.id);
    const rows = items.map((i) => [
      ++n,
      i.number,
      { html: `${esc(i.title)}<br><span class="note">${esc(i.statusNote)}</span>` },
      i.enterpriseName,
      byLeader ? i.unitName : i.leaderName,
      shanghaiText(i.claimDueAt, ''),
      shanghaiText(i.handlingDueAt, ''),
      i.overdue ? '超期' : '',
      TRACK_NAMES[i.track] ?? i.track,
    ]);
    const heading = `<h2>${esc(g.name)}：未办结 ${g.open} 件，超期 ${g.overdue}，红牌 ${g.red}，黄牌 ${g.yellow}</h2>`;
    return heading + printTable(['序号', '编号', '诉求 / 进展', '企业', other, '签收时限', '办理时限', '超期', '预警'], rows, { testId: 'open-list-print', empty: '（本组未列入本次打印）' });
  });
  const complete = list.items.length === list.total;
  const summary = complete ? `共 ${list.total} 件，已全部列出。` : `共 ${list.total} 件，本次打印前 ${list.items.length} 件（其余请导出 Excel）。`;
  return printPage({
    title: '未办结事项清单',
    subtitle: `${byLeader ? '按分包领导' : '按责任单位'} · 截至 ${shanghaiText(list.asOf, '')} · 共 ${list.total} 件`,
    body: `${sections.join('\n')}\n<p class="note" data-testid="print-summary" data-printed="${list.items.length}" data-total="${list.total}">${esc(summary)}</p>`,
  });
}
