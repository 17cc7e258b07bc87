import { sql } from 'kysely';
import type { Actor } from '@huiyin/domain';
import { type Db, projectVisibleTo } from '@huiyin/store';
import { sumWan } from './project-sql.ts';

export type TypeSummary = {
  type: string;
  typeName: string;
  count: number;
  /** 万元 */
  totalInvestment: number;
  /** 万元, the year's plan */
  plannedInvestmentYear: number;
  /** 万元, completed to date as the latest reports give it */
  investmentCompleted: number;
};

/**
 * Projects by type with investment planned vs completed (万元), every type listed even when the
 * actor sees none of it, and the totals. Only the projects the actor may see are counted.
 */
export async function projectSummary(db: Db, actor: Actor, q: { planYear?: number | undefined } = {}) {
  const rows = await db
    .selectFrom('project_types')
    .leftJoin(
      (eb) => {
        let p = eb.selectFrom('projects').selectAll('projects').where(projectVisibleTo(actor));
        if (q.planYear !== undefined) p = p.where('projects.plan_year', '=', q.planYear);
        return p.as('p');
      },
      (join) => join.onRef('p.type_code', '=', 'project_types.code'),
    )
    .select([
      'project_types.code as type',
      'project_types.name as typeName',
      sql<number>`count(p.id)::int`.as('count'),
      sumWan('p.total_investment').as('totalInvestment'),
      sumWan('p.planned_investment_year').as('plannedInvestmentYear'),
      sumWan('p.investment_completed').as('investmentCompleted'),
    ])
    .groupBy(['project_types.code', 'project_types.name', 'project_types.sort'])
    .orderBy('project_types.sort')
    .execute();
  const byType: TypeSummary[] = rows;
  const total = byType.reduce(
    (t, r) => ({
      count: t.count + r.count,
      totalInvestment: t.totalInvestment + r.totalInvestment,
      plannedInvestmentYear: t.plannedInvestmentYear + r.plannedInvestmentYear,
      investmentCompleted: t.investmentCompleted + r.investmentCompleted,
    }),
    { count: 0, totalInvestment: 0, plannedInvestmentYear: 0, investmentCompleted: 0 },
  );
  return { unit: '万元', byType, total };
}
