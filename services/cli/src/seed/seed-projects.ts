import { shanghaiDate } from '@huiyin/calendar';
import type { Actor, Role } from '@huiyin/domain';
import { addDays } from '@huiyin/project-workflow';
import { changeProjectState, createProject, fileProgressReport, planMilestones, reportProjectProblem, type EngineDeps } from '@huiyin/engine';
import type { DemoDistrict } from './data/index.ts';
import { rngFor } from './data/prng.ts';
import { buildDemoProjects, type DemoProject } from './data/projects.ts';
import type { Ids } from './load-master-data.ts';

export type SeededProjects = { projects: number; reports: number; problems: number };

/** The report's date, as for the rest of the demo: the same seed gives the same projects. */
const PROJECT_SEED = 20210414;

/**
 * Loads the district's 162 key projects through the real use cases (register, plan milestones,
 * start, report, hand problems over, suspend, complete), dated around the seeding day so that
 * some milestones are done, some late and some still ahead.
 */
export async function seedProjects(deps: EngineDeps, district: DemoDistrict, ids: Ids): Promise<SeededProjects> {
  const official = (login: string): Actor => {
    const o = district.officials.find((x) => x.login === login);
    const row = ids.officials.get(login);
    if (!o || !row) throw new Error(`no demo official ${login}`);
    return {
      kind: 'official',
      accountId: row.accountId,
      officialId: row.id,
      roles: o.roles as Role[],
      unitId: o.unitKey ? (ids.units.get(o.unitKey) ?? null) : null,
      leaderId: o.leaderKey ? (ids.leaders.get(o.leaderKey) ?? null) : null,
    };
  };
  const dispatcher = official('dispatcher1');
  const supervisor = official('supervisor1');
  const keyEnterprises = district.enterprises.filter((e) => e.isKey);
  const today = shanghaiDate(deps.clock());
  const year = Number(today.slice(0, 4));
  const drafts = buildDemoProjects(rngFor(PROJECT_SEED, 'projects'), district.leaders);
  let reports = 0;
  let problems = 0;
  for (const [i, p] of drafts.entries()) {
    const head = official(`${p.unitKey}-head`);
    const handler = official(`${p.unitKey}-h1`);
    const owner = p.problem || ['industrial', 'services', 'big_data'].includes(p.type) ? keyEnterprises[i % keyEnterprises.length] : undefined;
    const created = await createProject(deps, {
      actor: dispatcher,
      input: {
        name: p.name,
        type: p.type,
        enterpriseId: owner ? (ids.enterprises.get(owner.key)?.id ?? null) : null,
        totalInvestment: p.totalInvestment,
        planYear: year,
        plannedInvestmentYear: p.plannedInvestmentYear,
        leaderId: ids.leaders.get(p.leaderKey) ?? '',
        unitId: ids.units.get(p.unitKey) ?? '',
        teamOfficialIds: [handler.kind === 'official' ? handler.officialId : ''],
        startDate: addDays(today, p.startInDays),
        plannedCompletion: addDays(today, p.completionInDays),
      },
    });
    const projectId = created.id;
    await planMilestones(deps, { projectId, actor: dispatcher, input: { milestones: p.milestones.map((m) => ({ name: m.name, dueOn: addDays(today, m.dueInDays) })) } });
    if (p.target === 'planned') continue;
    await changeProjectState(deps, { projectId, actor: head, transition: 'start', input: {} });
    if (p.reports) {
      await fileReport(deps, projectId, handler, p, i);
      reports++;
    }
    if (p.problem) {
      await reportProjectProblem(deps, {
        projectId,
        actor: handler,
        input: { title: p.problem.title, description: p.problem.description, categoryId: ids.categories.get(p.problem.categoryCode) ?? '' },
      });
      problems++;
    }
    if (p.target === 'suspended') await changeProjectState(deps, { projectId, actor: supervisor, transition: 'suspend', input: { reason: '项目业主调整建设方案，暂缓施工' } });
    if (p.target === 'completed') await changeProjectState(deps, { projectId, actor: head, transition: 'complete', input: {} });
  }
  return { projects: drafts.length, reports, problems };
}

/**
 * This period's report: a completed project reports every milestone done; one under way reports
 * its first milestone done, later past-due ones short of done (they stay late), the rest partly.
 */
async function fileReport(deps: EngineDeps, projectId: string, handler: Actor, p: DemoProject, i: number): Promise<void> {
  const milestones = await deps.db.selectFrom('project_milestones').select(['id', 'seq']).where('project_id', '=', projectId).orderBy('seq').execute();
  const percentFor = (k: number): number => {
    if (p.target === 'completed') return 100;
    const due = p.milestones[k]?.dueInDays ?? 0;
    if (due < 0) return k === 0 || i % 3 === 0 ? 100 : 60 + ((i * 7 + k * 11) % 35);
    return (i * 13 + k * 17) % 50;
  };
  const elapsed = Math.min(1, Math.max(0, -p.startInDays / (p.completionInDays - p.startInDays)));
  const investmentCompleted = p.target === 'completed' ? p.totalInvestment : Math.round(p.totalInvestment * elapsed * (0.6 + ((i * 37) % 40) / 100));
  await fileProgressReport(deps, {
    projectId,
    actor: handler,
    input: {
      investmentCompleted: Math.min(investmentCompleted, p.totalInvestment),
      narrative: p.target === 'completed' ? '项目已完成竣工验收，各节点均已完成。' : '项目按计划推进，本期完成主体工程部分工作量。',
      milestones: milestones.map((m, k) => ({ milestoneId: m.id, percent: percentFor(k) })),
      ...(p.problem ? { problems: p.problem.description } : {}),
    },
  });
}
