import { shanghaiDate } from '@huiyin/calendar';
import { sql } from 'kysely';
import { SEMI_MONTHLY, isPeriodEnd, type ReportSchedule } from '@huiyin/project-workflow';
import type { Db } from '@huiyin/store';
import { laggingMilestones } from './lagging-milestones.ts';
import { missingReports } from './missing-reports.ts';
import { projectSummary } from './project-summary.ts';

const SYSTEM = { kind: 'system' } as const;

/**
 * The key-project part of the semi-monthly bulletin (每半月汇总通报), frozen with it: investment
 * by type (万元), milestones late at the time of the bulletin by leader and unit, the progress
 * reports of the period still missing or filed late, and the problems handed over in the period
 * with where their issues stand. Plugs into `@huiyin/reports` as `sections: { projects }`
 * (the `BulletinSection` shape: `{ db, period: { start, end }, asOf }`, end exclusive).
 */
export async function projectBulletinSection(input: { db: Db; period: { start: Date; end: Date }; asOf: Date }, schedule: ReportSchedule = SEMI_MONTHLY) {
  const { db, period, asOf } = input;
  const lastDay = shanghaiDate(new Date(period.end.getTime() - 1));
  const [summary, lagging, missing, late, problems] = await Promise.all([
    projectSummary(db, SYSTEM),
    laggingMilestones(db, SYSTEM, asOf),
    // A bulletin period that does not end on a report cutoff has no report of its own.
    isPeriodEnd(lastDay, schedule) ? missingReports(db, SYSTEM, { now: asOf, periodEnd: lastDay, schedule }) : null,
    db
      .selectFrom('progress_reports')
      .innerJoin('projects', 'projects.id', 'progress_reports.project_id')
      .innerJoin('units', 'units.id', 'projects.unit_id')
      .select(['projects.id as projectId', 'projects.name as projectName', 'units.short_name as unitName', 'progress_reports.period_end as periodEnd', 'progress_reports.filed_at as filedAt'])
      .where('progress_reports.on_time', '=', false)
      .where('progress_reports.filed_at', '>=', period.start)
      .where('progress_reports.filed_at', '<', period.end)
      .orderBy('progress_reports.filed_at')
      .execute(),
    db
      .selectFrom('project_problems')
      .innerJoin('projects', 'projects.id', 'project_problems.project_id')
      .innerJoin('issues', 'issues.id', 'project_problems.issue_id')
      .select([
        'projects.id as projectId',
        'projects.name as projectName',
        'issues.id as issueId',
        'issues.number',
        'issues.title',
        'issues.stage',
        'issues.track',
        sql<boolean>`issues.closed_at is not null`.as('closed'),
      ])
      .where('project_problems.reported_at', '>=', period.start)
      .where('project_problems.reported_at', '<', period.end)
      .orderBy('project_problems.reported_at')
      .execute(),
  ]);
  return {
    investment: summary,
    lateMilestones: {
      total: lagging.late,
      groups: lagging.groups.map(({ milestones, ...g }) => ({
        ...g,
        milestones: milestones.map((m) => ({ projectName: m.projectName, name: m.name, dueOn: m.dueOn, percent: m.percent, daysLate: m.daysLate })),
      })),
    },
    reports: missing
      ? {
          periodEnd: lastDay,
          dueAt: missing.period.dueAt,
          missing: missing.projects.map((p) => ({ projectId: p.id, projectName: p.name, unitName: p.unitName, leaderName: p.leaderName })),
          filedLate: late,
        }
      : { periodEnd: null, dueAt: null, missing: [], filedLate: late },
    problems,
  };
}
