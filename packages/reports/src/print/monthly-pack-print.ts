import { shanghaiText } from '@huiyin/calendar';
import type { HotSpot } from '../hot-spots.ts';
import { LAG_REASONS, type LagGroup, type MonthlyPack } from '../monthly-pack.ts';
import { isProjectSection } from '../xlsx/project-sheets.ts';
import { projectSection, scoreTable } from './bulletin-print.ts';
import { esc, printPage, printTable, type PrintCell } from './html.ts';

/** The sections a printed monthly pack has, in order (重点项目 only when the pack carries them). */
export const MONTHLY_PACK_PRINT_SECTIONS = ['概况', '滞后事项', '按领导', '按单位', '单位三率', '领导三率', '热点', '同类问题', '重点项目'] as const;

const rate = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const hotRows = (kind: string, xs: HotSpot[]): PrintCell[][] => xs.map((h) => [kind, h.name, h.count, h.previous, h.change, rate(h.changeRate), h.open]);
const groupRows = (gs: LagGroup[]): PrintCell[][] => gs.map((g) => [g.name, g.issues, g.open, g.others.join('、') || '—']);

/**
 * 每月推进会 materials as one print document: every part the page and the XLSX have — totals,
 * every lagging issue, the groups by leader and by unit, both 三率 tables, hot spots, 同类问题 and,
 * when the pack carries them, key projects — each printed page headed by the title and month and
 * numbered at its foot.
 */
export function monthlyPackPrint(pack: MonthlyPack): string {
  const t = pack.totals;
  const days = pack.hotSpots.window.days;
  const section = (name: string, body: string) => `<section data-section="${esc(name)}"><h2>${esc(name)}</h2>\n${body}\n</section>`;
  const parts = [
    section(
      '概况',
      printTable(['受理', '签收', '答复', '销号', '超期', '红牌', '提级', '滞后事项'], [[t.filed, t.claimed, t.resolved, t.closed, t.overdue, t.redCards, t.escalated, pack.lagging.length]]) +
        `<p class="note">统计截至 ${esc(shanghaiText(new Date(pack.asOf)))}；热点为截至月末的近 ${days} 天。</p>`,
    ),
    section(
      '滞后事项',
      printTable(
        ['编号', '诉求', '企业', '分包领导', '责任单位', '滞后原因', '是否办结'],
        pack.lagging.map((i): PrintCell[] => [i.number, i.title, i.enterpriseName, i.leaderName, i.unitName, i.reasons.map((r) => LAG_REASONS[r]).join('、'), i.open ? '未办结' : '已办结']),
        { testId: 'print-lagging', empty: '本月没有滞后事项' },
      ),
    ),
    section('按领导', printTable(['分包领导', '滞后件数', '未办结', '涉及单位'], groupRows(pack.byLeader), { testId: 'print-by-leader' })),
    section('按单位', printTable(['责任单位', '滞后件数', '未办结', '分包领导'], groupRows(pack.byUnit), { testId: 'print-by-unit' })),
    section('单位三率', scoreTable(pack.units, '单位', 'print-units')),
    section('领导三率', scoreTable(pack.leaders, '分包领导', 'print-leaders')),
    section(
      '热点',
      printTable(
        ['维度', '名称', `近${days}天`, '上一周期', '增减', '增减率', '未办结'],
        [...hotRows('类别', pack.hotSpots.byCategory), ...hotRows('企业', pack.hotSpots.byEnterprise), ...hotRows('行业', pack.hotSpots.byIndustry)],
        { testId: 'print-hot-spots' },
      ),
    ),
    section(
      '同类问题',
      printTable(
        ['问题', '企业数', `近${days}天`, '上一周期', '增减率', '未办结', '主办单位', '工单号', '治理任务'],
        pack.hotSpots.byProblem.map((p): PrintCell[] => [
          p.name,
          p.enterprises,
          p.count,
          p.previous,
          rate(p.changeRate),
          p.open,
          p.leadUnitName,
          p.issues.map((i) => i.number).join('、'),
          p.governanceTask ? `已立治理任务 · ${p.governanceTask.repliedAt ? '已回复' : '待回复'}（${p.governanceTask.unitName ?? '—'}）` : '—',
        ]),
        { testId: 'print-problems' },
      ),
    ),
  ];
  const projects = pack.sections['projects'];
  if (isProjectSection(projects)) parts.push(section('重点项目', projectSection(projects)));
  return printPage({ title: '每月推进会材料', subtitle: pack.month.label, body: parts.join('\n') });
}
