import { DomainError } from '@huiyin/domain';
import type { Db } from '@huiyin/store';
import { loadPeriodFacts } from './facts.ts';
import { DEFAULT_MIN_ISSUES } from './formulas.ts';
import { lastPeriods } from './period.ts';
import type { Rate } from './rate.ts';
import { scoreRows, type GroupBy, type ScoreRow } from './score-rows.ts';
import { seesLeader, seesUnit, type Viewer } from './viewer.ts';

export type ScorecardPoint = {
  periodId: string;
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
  returnRate: Rate;
  redoRate: Rate;
  firstContactRate: Rate;
  score: number | null;
  rank: number | null;
  issues: number;
  counts: ScoreRow['counts'];
  /** Which issues cost points in the period (only on the viewer's own rows). */
  causes: ScoreRow['causes'];
};
export type Scorecards = {
  by: GroupBy;
  periods: Array<{ id: string; label: string; start: string; end: string }>;
  series: Array<{ id: string; name: string; points: ScorecardPoint[] }>;
};

/**
 * The 三率 of each unit (or leader) for each of the last `periods` bulletin periods up to `now`
 * (the current one so far), computed now from the frozen rows: trend data for charts. Accepted
 * appeals count as they stand now, so a figure may differ from a bulletin generated earlier.
 * A viewer sees only their own unit or leader, unless they see all.
 */
export async function scorecards(db: Db, viewer: Viewer, options: { by: GroupBy; periods: number; now: Date; id?: string | undefined; minIssues?: number | undefined }): Promise<Scorecards> {
  const periods = lastPeriods(options.now, options.periods);
  const sees = (id: string) => (options.by === 'unit' ? seesUnit(viewer, id) : seesLeader(viewer, id));
  if (options.id && !sees(options.id)) throw new DomainError('auth.forbidden', `not your ${options.by}'s scorecard`, { field: 'id' });
  const series = new Map<string, { id: string; name: string; points: ScorecardPoint[] }>();
  for (const p of periods) {
    const facts = await loadPeriodFacts(db, p, options.now);
    for (const r of scoreRows(facts, options.by, options.minIssues ?? DEFAULT_MIN_ISSUES)) {
      if (!sees(r.id) || (options.id && r.id !== options.id)) continue;
      const s = series.get(r.id) ?? { id: r.id, name: r.name, points: [] };
      s.points.push({
        periodId: p.id,
        response: r.response,
        resolution: r.resolution,
        satisfaction: r.satisfaction,
        returnRate: r.returnRate,
        redoRate: r.redoRate,
        firstContactRate: r.firstContactRate,
        score: r.score,
        rank: r.rank,
        issues: r.issues,
        counts: r.counts,
        causes: r.causes,
      });
      series.set(r.id, s);
    }
  }
  return {
    by: options.by,
    periods: periods.map((p) => ({ id: p.id, label: p.label, start: p.start.toISOString(), end: p.end.toISOString() })),
    // Units and leaders with nothing at all in the window would be flat lines at zero.
    series: [...series.values()]
      .filter((s) => options.id !== undefined || s.points.some((pt) => pt.issues > 0 || Object.values(pt.counts).some((n) => n > 0)))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh')),
  };
}
