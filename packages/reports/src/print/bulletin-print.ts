import { shanghaiText } from '@huiyin/calendar';
import type { BulletinContent } from '../build-bulletin.ts';
import { FORMULAS } from '../formulas.ts';
import type { Rate } from '../rate.ts';
import type { ScoreRow } from '../score-rows.ts';
import { APPEAL_STATUS_NAMES, CLOCK_NAMES, ESCALATION_NAMES, REASON_NAMES } from '../xlsx/bulletin-workbook.ts';
import { isProjectSection, type ProjectSectionView } from '../xlsx/project-sheets.ts';
import { esc, printPage, printTable, type PrintCell } from './html.ts';

/** The sections a printed bulletin has, in order (重点项目 only when it was stored with them). */
export const BULLETIN_PRINT_SECTIONS = ['概况', '统计口径', '红黑榜', '单位三率', '领导三率', '红牌清单', '申诉', '督办超期未复', '重点项目'] as const;

const pct = (r: Rate | undefined): string => (!r ? '—' : r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%（${r.num}/${r.den}）`);

/** A 三率 table (units or leaders), ranked, with each row's causes of lost points. */
export function scoreTable(rows: ScoreRow[], who: string, testId: string): string {
  const cells = rows.map((r): PrintCell[] => [
    r.ranked ? r.rank : '不排名',
    r.name,
    r.issues,
    r.score === null ? '—' : r.score.toFixed(1),
    pct(r.response),
    pct(r.resolution),
    pct(r.satisfaction),
    pct(r.returnRate),
    pct(r.redoRate),
    pct(r.firstContactRate),
    [...r.causes.map((c) => `${c.text} ${c.issues.map((i) => i.number).join('、')}`), ...r.excluded.map((e) => `经申诉不计：${e.number}`)].join('；') || '—',
  ]);
  return printTable(['排名', who, '件数', '得分', '响应率', '解决率', '满意率', '退单率', '重办率', '先行联系及时率', '失分原因'], cells, { testId });
}

/** The key-project section: investment by type, late milestones, missing progress reports. */
export function projectSection(p: ProjectSectionView): string {
  const money = (r: ProjectSectionView['investment']['total']): PrintCell[] => [
    r.count,
    r.totalInvestment,
    r.plannedInvestmentYear,
    r.investmentCompleted,
    r.plannedInvestmentYear > 0 ? `${((r.investmentCompleted / r.plannedInvestmentYear) * 100).toFixed(1)}%` : '—',
  ];
  return [
    '<h3>投资完成（万元）</h3>',
    printTable(['类型', '项目数', '总投资', '年度计划', '已完成', '完成年度计划'], [...p.investment.byType.map((t) => [t.typeName, ...money(t)]), ['合计', ...money(p.investment.total)]]),
    `<h3>滞后节点（${p.lateMilestones.total}）</h3>`,
    printTable(
      ['分包领导', '责任单位', '项目', '节点', '计划完成', '进度', '滞后天数'],
      p.lateMilestones.groups.flatMap((g) => g.milestones.map((m): PrintCell[] => [g.leaderName, g.unitName, m.projectName, m.name, m.dueOn, `${m.percent}%`, m.daysLate])),
    ),
    `<h3>未报进度（${p.reports.missing.length}）</h3>`,
    printTable(
      ['报告截止', '项目', '责任单位', '分包领导'],
      p.reports.missing.map((m): PrintCell[] => [p.reports.periodEnd, m.projectName, m.unitName, m.leaderName]),
    ),
  ].join('\n');
}

/**
 * A bulletin (as the viewer may read it) as one print document with every section the page
 * spreads over tabs: totals, formulas, 红黑榜, both 三率 tables, red cards, appeals, late 督办单
 * and, when stored with it, key projects. `revision` marks a 修订版.
 */
export function bulletinPrint(content: BulletinContent, meta: { generatedAt: Date; kind: string; revision: number }): string {
  const t = content.totals;
  const f = content.formulas;
  const section = (name: string, body: string) => `<section data-section="${esc(name)}"><h2>${esc(name)}</h2>\n${body}\n</section>`;
  const parts = [
    section(
      '概况',
      printTable(['受理', '签收', '答复', '销号', '超期', '红牌', '提级'], [[t.filed, t.claimed, t.resolved, t.closed, t.overdue, t.redCards, t.escalated]]) +
        `<p class="note">统计截至 ${esc(shanghaiText(content.asOf))}，生成于 ${esc(shanghaiText(meta.generatedAt))}（${meta.kind === 'scheduled' ? '定时生成' : '按需生成'}）；少于 ${content.minIssues} 件不排名。</p>`,
    ),
    // In the published order (a snapshot's JSON keeps its own), any formula of an older snapshot after.
    section(
      '统计口径',
      `<ul>${[...new Set([...Object.keys(FORMULAS), ...Object.keys(f)])].flatMap((k) => (k in f ? [`<li>${esc(f[k as keyof typeof f])}</li>`] : [])).join('')}</ul><p class="note">口径版本 ${content.formulaVersion}</p>`,
    ),
    section(
      '红黑榜',
      printTable(
        ['榜别', '名次', '名称', '得分'],
        [
          ...content.redBlack.red.map((r): PrintCell[] => ['红榜', r.rank, r.name, r.score.toFixed(1)]),
          ...content.redBlack.black.map((r): PrintCell[] => ['黑榜', r.rank, r.name, r.score.toFixed(1)]),
        ],
      ),
    ),
    section('单位三率', scoreTable(content.units, '单位', 'print-units')),
    section('领导三率', scoreTable(content.leaders, '分包领导', 'print-leaders')),
    section(
      '红牌清单',
      printTable(
        ['编号', '诉求', '企业', '责任单位', '分包领导', '环节', '红牌时间', '提级'],
        content.redCards.map((c): PrintCell[] => [
          c.number,
          c.title,
          c.enterpriseName,
          c.unitName,
          c.leaderName,
          CLOCK_NAMES[c.clock] ?? c.clock,
          c.redAt ? shanghaiText(c.redAt) : '（前期已亮牌）',
          c.escalatedTo ? (ESCALATION_NAMES[c.escalatedTo] ?? c.escalatedTo) : '',
        ]),
      ),
    ),
    section(
      '申诉',
      printTable(
        ['编号', '诉求', '申诉单位', '理由', '说明', '决定', '决定理由'],
        content.appeals.map((a): PrintCell[] => [a.number, a.title, a.unitName, REASON_NAMES[a.reason] ?? a.reason, a.text, APPEAL_STATUS_NAMES[a.status] ?? a.status, a.decisionNote ?? '']),
      ),
    ),
    section(
      '督办超期未复',
      printTable(
        ['编号', '诉求或项目', '责任单位', '回复时限', '回复时间', '提级时间'],
        (content.lateOrders ?? []).map((o): PrintCell[] => [
          o.number ?? '重点项目',
          o.title,
          o.unitName,
          shanghaiText(o.dueAt),
          o.repliedAt ? shanghaiText(o.repliedAt) : '未回复',
          o.escalatedAt ? shanghaiText(o.escalatedAt) : '',
        ]),
      ),
    ),
  ];
  const projects = content.sections['projects'];
  if (isProjectSection(projects)) parts.push(section('重点项目', projectSection(projects)));
  const revised = meta.revision ? `（修订版 ${meta.revision}）` : '';
  return printPage({ title: `每半月汇总通报${revised}`, subtitle: content.period.label, body: parts.join('\n') });
}
