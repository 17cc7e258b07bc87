import { shanghaiDate } from '@huiyin/calendar';
import { DomainError, type Actor } from '@huiyin/domain';
import { SEMI_MONTHLY, isPeriodEnd, periodEndOn, periodEndsBetween, periodEnding, type Day, type ReportSchedule } from '@huiyin/project-workflow';
import { type Db, projectVisibleTo } from '@huiyin/store';

/** Which progress reports are due when: each period from `from` to `to`, with its due time. */
export function reportPeriods(from: Day, to: Day, schedule: ReportSchedule = SEMI_MONTHLY) {
  if (to < from) throw new DomainError('validation.invalid', 'the range ends before it starts', { field: 'to' });
  // Checked before walking the periods, so a wide range costs nothing.
  if (Date.parse(to) - Date.parse(from) > 3_660 * 86_400_000) throw new DomainError('validation.invalid', 'at most ten years of periods at a time', { field: 'to' });
  return periodEndsBetween(from, to, schedule).map((end) => periodEnding(end, schedule));
}

/**
 * The projects under way that owe a report for the period ending `periodEnd` (default: the
 * current period) and have not filed it; `overdue` once the period's due time has passed. A
 * project owes a report for a period that ends on or after its start day.
 */
export async function missingReports(db: Db, actor: Actor, params: { now: Date; periodEnd?: Day | undefined; schedule?: ReportSchedule }) {
  const schedule = params.schedule ?? SEMI_MONTHLY;
  const periodEnd = params.periodEnd ?? periodEndOn(shanghaiDate(params.now), schedule);
  if (!isPeriodEnd(periodEnd, schedule)) {
    throw new DomainError('validation.invalid', `not the last day of a reporting period (next: ${periodEndOn(periodEnd, schedule)})`, { field: 'periodEnd' });
  }
  const period = periodEnding(periodEnd, schedule);
  const projects = await db
    .selectFrom('projects')
    .innerJoin('leaders', 'leaders.id', 'projects.leader_id')
    .innerJoin('units', 'units.id', 'projects.unit_id')
    .select([
      'projects.id',
      'projects.name',
      'projects.type_code as type',
      'projects.leader_id as leaderId',
      'leaders.name as leaderName',
      'projects.unit_id as unitId',
      'units.short_name as unitName',
    ])
    .where(projectVisibleTo(actor))
    .where('projects.state', '=', 'underWay')
    .where('projects.start_date', '<=', periodEnd)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('progress_reports').whereRef('progress_reports.project_id', '=', 'projects.id').where('progress_reports.period_end', '=', periodEnd).select('progress_reports.id')),
      ),
    )
    .orderBy('units.short_name')
    .orderBy('projects.name')
    .execute();
  return { period, overdue: params.now.getTime() > period.dueAt.getTime(), missing: projects.length, projects };
}
