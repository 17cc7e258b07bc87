import { sql } from 'kysely';
import type { Db } from '@huiyin/store';
import { loadPeriodFacts } from './facts.ts';
import { DEFAULT_MIN_ISSUES } from './formulas.ts';
import { lastPeriods, type Period } from './period.ts';
import type { Rate } from './rate.ts';
import { scoreRows } from './score-rows.ts';

/** One unit's public figures for one period: its 三率 and counts, no issue or person named. */
export type PublicUnitLine = {
  periodId: string;
  unitId: string;
  unitName: string;
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
  score: number | null;
  filed: number;
  closed: number;
  overdue: number;
  /** Median hours from filing to closing of the issues it led that closed in the period; null when none closed. */
  medianHandlingHours: number | null;
};
/** One category's counts for one period. */
export type PublicCategoryLine = { periodId: string; categoryId: string; categoryName: string; filed: number; closed: number; medianHandlingHours: number | null };
export type PublicFigures = {
  asOf: Date;
  periods: Array<{ id: string; label: string; start: Date; end: Date }>;
  units: PublicUnitLine[];
  categories: PublicCategoryLine[];
};

const hours = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/**
 * Closed issues' median handling time (filing to closing, elapsed hours) in the period, by lead
 * unit and by category: one range read of `closed_at`, the median computed by PostgreSQL.
 */
async function medians(db: Db, p: Period) {
  const rows = await db
    .selectFrom('issues')
    .where('closed_at', '>=', p.start)
    .where('closed_at', '<', p.end)
    .select([
      'lead_unit_id as unitId',
      'category_id as categoryId',
      sql<number>`count(*)::int`.as('closed'),
      sql<number>`percentile_cont(0.5) within group (order by extract(epoch from closed_at - filed_at) / 3600)`.as('median'),
    ])
    .groupBy(sql`grouping sets ((lead_unit_id), (category_id))`)
    .execute();
  const byUnit = new Map<string, number>();
  const byCategory = new Map<string, { closed: number; median: number }>();
  for (const r of rows) {
    if (r.unitId !== null) byUnit.set(r.unitId, Number(r.median));
    else if (r.categoryId !== null) byCategory.set(r.categoryId, { closed: r.closed, median: Number(r.median) });
  }
  return { byUnit, byCategory };
}

async function filedByCategory(db: Db, p: Period) {
  const rows = await db
    .selectFrom('issues')
    .where('filed_at', '>=', p.start)
    .where('filed_at', '<', p.end)
    .select(['category_id as categoryId', sql<number>`count(*)::int`.as('filed')])
    .groupBy('category_id')
    .execute();
  return new Map(rows.map((r) => [r.categoryId, r.filed]));
}

/**
 * 政务公开: each unit's 三率 and counts and each category's counts for the last `periods` bulletin
 * periods up to `now` (the current one so far), figures only — built from the same rows as the
 * bulletin and scorecards, but carrying no issue, enterprise, person or text, so anyone may read it.
 */
export async function publicFigures(db: Db, options: { now: Date; periods: number }): Promise<PublicFigures> {
  const periods = lastPeriods(options.now, options.periods);
  const categories = await db.selectFrom('categories').select(['id', 'name']).orderBy('name').execute();
  const units: PublicUnitLine[] = [];
  const byCategory: PublicCategoryLine[] = [];
  for (const p of periods) {
    const facts = await loadPeriodFacts(db, p, options.now);
    const m = await medians(db, p);
    for (const r of scoreRows(facts, 'unit', DEFAULT_MIN_ISSUES)) {
      const { filed, closed, overdue } = r.counts;
      if (r.issues === 0 && filed === 0 && closed === 0) continue;
      units.push({
        periodId: p.id,
        unitId: r.id,
        unitName: r.name,
        response: r.response,
        resolution: r.resolution,
        satisfaction: r.satisfaction,
        score: r.score,
        filed,
        closed,
        overdue,
        medianHandlingHours: hours(m.byUnit.get(r.id) ?? null),
      });
    }
    const filed = await filedByCategory(db, p);
    for (const c of categories) {
      const done = m.byCategory.get(c.id);
      const n = filed.get(c.id) ?? 0;
      if (n === 0 && !done) continue;
      byCategory.push({ periodId: p.id, categoryId: c.id, categoryName: c.name, filed: n, closed: done?.closed ?? 0, medianHandlingHours: hours(done?.median ?? null) });
    }
  }
  return { asOf: options.now, periods: periods.map((p) => ({ id: p.id, label: p.label, start: p.start, end: p.end })), units, categories: byCategory };
}
