import { shanghaiDate } from '@huiyin/calendar';
import { DomainError, type Actor } from '@huiyin/domain';
import { SEMI_MONTHLY, isPeriodEnd, periodEndOn, periodEnding, stateOf, type ReportSchedule } from '@huiyin/project-workflow';
import type { Selectable } from 'kysely';
import { unknownReference } from '../issues/command-helpers.ts';
import { syncProjectClocks } from '../clocks/sync-project-clocks.ts';
import { setTimers, type EngineDeps } from '../deps.ts';
import { advanceProjectMilestones } from './advance-milestones.ts';
import type { FileProgressReportInput } from './project-inputs.ts';
import { assertMayAct, decideMilestoneOrThrow, decideProjectOrThrow, lockProject, recordProjectEvent, writeMilestone } from './project-ledger.ts';
import type { ProgressReportTable } from '@huiyin/store';

export type ProgressReportRow = Selectable<ProgressReportTable>;

/**
 * The unit's semi-monthly progress report (每半月): percent done per milestone, investment
 * completed to date (万元), narrative and problems. One per project and period; one filed after
 * the period's due time is recorded as late (`on_time` false) and stays so.
 */
export async function fileProgressReport(deps: EngineDeps, params: { projectId: string; actor: Actor; input: FileProgressReportInput; schedule?: ReportSchedule }): Promise<ProgressReportRow> {
  const { actor, input } = params;
  const schedule = params.schedule ?? SEMI_MONTHLY;
  const { report, timers } = await deps.db.transaction().execute(async (trx) => {
    const locked = await lockProject(trx, actor, params.projectId, input.expectedVersion);
    assertMayAct(locked, 'fileReport', actor);
    const now = deps.clock();
    const current = periodEndOn(shanghaiDate(now), schedule);
    const periodEnd = input.periodEnd ?? current;
    if (!isPeriodEnd(periodEnd, schedule)) throw new DomainError('validation.invalid', `not the last day of a reporting period (next: ${periodEndOn(periodEnd, schedule)})`, { field: 'periodEnd' });
    if (periodEnd > current) throw new DomainError('validation.invalid', 'that period has not begun', { field: 'periodEnd' });
    const period = periodEnding(periodEnd, schedule);
    if (period.end < locked.row.start_date) throw new DomainError('validation.invalid', 'that period ended before the project started', { field: 'periodEnd' });
    if (await trx.selectFrom('progress_reports').select('id').where('project_id', '=', locked.row.id).where('period_end', '=', periodEnd).executeTakeFirst()) {
      throw new DomainError('project.report_already_filed', `the report for the period ending ${periodEnd} is filed`, { field: 'periodEnd' });
    }
    if (input.investmentCompleted < locked.row.investment_completed) {
      throw new DomainError('validation.invalid', `investment completed to date cannot fall below the ${locked.row.investment_completed} 万元 already reported`, { field: 'investmentCompleted' });
    }
    const next = decideProjectOrThrow(locked, { type: 'fileReport', actor, at: now.toISOString(), periodEnd });
    const report = await trx
      .insertInto('progress_reports')
      .values({
        project_id: locked.row.id,
        period_start: period.start,
        period_end: periodEnd,
        due_at: period.dueAt,
        filed_at: now,
        filed_by: actor.kind === 'official' ? actor.officialId : '',
        investment_completed: input.investmentCompleted,
        narrative: input.narrative,
        problems: input.problems ?? null,
        on_time: now.getTime() <= period.dueAt.getTime(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const moves: Array<{ milestoneId: string; percent: number; state: string }> = [];
    for (const [i, item] of input.milestones.entries()) {
      const m = await trx.selectFrom('project_milestones').selectAll().where('id', '=', item.milestoneId).where('project_id', '=', locked.row.id).executeTakeFirst();
      if (!m) throw unknownReference(`milestones.${i}.milestoneId`, 'milestone of this project');
      await trx.insertInto('progress_report_items').values({ report_id: report.id, milestone_id: m.id, percent: item.percent }).execute();
      // A milestone already done stays done: reporting it at 100 % again changes nothing.
      if (m.state === 'done' && item.percent === 100) continue;
      const moved = decideMilestoneOrThrow(m, { type: 'reportProgress', actor, at: now.toISOString(), percent: item.percent }, `milestones.${i}.percent`);
      await writeMilestone(trx, m, moved, now);
      moves.push({ milestoneId: m.id, percent: item.percent, state: stateOf(moved) });
    }
    const row = await recordProjectEvent(trx, {
      row: locked.row,
      actor,
      type: 'fileReport',
      payload: { reportId: report.id, periodEnd, investmentCompleted: input.investmentCompleted, onTime: report.on_time, milestones: moves },
      now,
      next,
      columns: { investment_completed: input.investmentCompleted },
    });
    const advanced = (await advanceProjectMilestones(trx, row, now)).row;
    // The period's clock stops (late: missed), a milestone done stops its own, the next period's starts.
    return { report, timers: await syncProjectClocks(trx, advanced, now, { schedule, calendar: deps.calendar }) };
  });
  await setTimers(deps, timers);
  return report;
}
