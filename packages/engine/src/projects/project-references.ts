import { DomainError } from '@huiyin/domain';
import type { Db, Tx } from '@huiyin/store';
import { unknownReference } from '../issues/command-helpers.ts';

export type ProjectFacts = {
  type?: string | undefined;
  leaderId?: string | undefined;
  unitId?: string | undefined;
  enterpriseId?: string | null | undefined;
  teamOfficialIds?: readonly string[] | undefined;
};

/**
 * Checks what a project's body names. An unknown type is bad input (400 naming `type`: the
 * types are a fixed list the client reads); an unknown leader, unit, enterprise or team member
 * is an unknown reference (422 naming the field), as for issues.
 */
export async function assertProjectReferences(db: Db | Tx, f: ProjectFacts): Promise<void> {
  if (f.type !== undefined && !(await db.selectFrom('project_types').select('code').where('code', '=', f.type).executeTakeFirst())) {
    throw new DomainError('validation.invalid', `unknown project type "${f.type}": see GET /api/v1/projects/types`, { field: 'type' });
  }
  if (f.leaderId && !(await db.selectFrom('leaders').select('id').where('id', '=', f.leaderId).executeTakeFirst())) throw unknownReference('leaderId', 'leader');
  if (f.unitId && !(await db.selectFrom('units').select('id').where('id', '=', f.unitId).executeTakeFirst())) throw unknownReference('unitId', 'unit');
  if (f.enterpriseId && !(await db.selectFrom('enterprises').select('id').where('id', '=', f.enterpriseId).executeTakeFirst())) throw unknownReference('enterpriseId', 'enterprise');
  const team = f.teamOfficialIds ?? [];
  if (team.length) {
    const found = new Set(
      (
        await db
          .selectFrom('officials')
          .select('id')
          .where('id', 'in', [...team])
          .execute()
      ).map((o) => o.id),
    );
    const missing = team.findIndex((id) => !found.has(id));
    if (missing >= 0) throw unknownReference(`teamOfficialIds.${missing}`, 'official');
  }
}

/** Money and dates that must agree: the year's plan within the total, completion after the start. */
export function assertProjectFigures(f: { totalInvestment: number; plannedInvestmentYear: number; startDate: string; plannedCompletion: string }): void {
  if (f.plannedInvestmentYear > f.totalInvestment) {
    throw new DomainError('validation.invalid', "the year's planned investment exceeds the total investment", { field: 'plannedInvestmentYear' });
  }
  if (f.plannedCompletion < f.startDate) {
    throw new DomainError('validation.invalid', 'the planned completion is before the start', { field: 'plannedCompletion' });
  }
}
