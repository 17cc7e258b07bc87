import type { Scorecards } from '../scorecards.ts';
import { addSheet, newWorkbook, rateCell, toBuffer, type Cell, THREE_RATE_COLUMNS, threeRateCells } from './sheet.ts';

type Series = Scorecards['series'][number];

/**
 * The series in rank order for the latest period: ranked ones by rank, then those not ranked by
 * score (highest first, none last), then by name.
 */
function byRank(series: Series[]): Series[] {
  const last = (s: Series) => s.points.at(-1);
  return [...series].sort((a, b) => {
    const ra = last(a)?.rank ?? Number.POSITIVE_INFINITY;
    const rb = last(b)?.rank ?? Number.POSITIVE_INFINITY;
    if (ra !== rb) return ra - rb;
    const sa = last(a)?.score ?? Number.NEGATIVE_INFINITY;
    const sb = last(b)?.score ?? Number.NEGATIVE_INFINITY;
    if (sa !== sb) return sb - sa;
    return a.name.localeCompare(b.name, 'zh-CN');
  });
}

/** Sheet names of the scorecards workbook. */
export const SCORECARD_SHEETS = ['本期排名', '各期得分'] as const;

/**
 * 考核评价 as XLSX: the latest period's rows in rank order, every unit or leader on one sheet (not
 * 15 a page), each rate with its parts; then each one's score and rank in every period shown.
 */
export async function scorecardsWorkbook(cards: Scorecards): Promise<Buffer> {
  const wb = newWorkbook();
  const who = cards.by === 'unit' ? '单位' : '分包领导';
  const current = cards.periods.at(-1);
  const ranked = byRank(cards.series);
  addSheet(
    wb,
    '本期排名',
    [
      { header: '排名', width: 8 },
      { header: who, width: 16 },
      { header: '得分', width: 8 },
      ...THREE_RATE_COLUMNS,
      { header: '退单率', percent: true },
      { header: '重办率', percent: true },
      { header: '计分件数', width: 9 },
      { header: '期间', width: 28 },
    ],
    ranked.map((s): Cell[] => {
      const p = s.points.at(-1);
      if (!p) return ['不排名', s.name];
      return [p.rank ?? '不排名', s.name, p.score, ...threeRateCells(p), rateCell(p.returnRate), rateCell(p.redoRate), p.issues, current?.label ?? ''];
    }),
  );
  addSheet(
    wb,
    '各期得分',
    [
      { header: who, width: 16 },
      ...cards.periods.flatMap((p) => [
        { header: `${p.id} 得分`, width: 12 },
        { header: `${p.id} 排名`, width: 12 },
      ]),
    ],
    ranked.map((s): Cell[] => [
      s.name,
      ...cards.periods.flatMap((p) => {
        const point = s.points.find((x) => x.periodId === p.id);
        return [point?.score ?? null, point?.rank ?? null];
      }),
    ]),
  );
  return toBuffer(wb);
}
