import type { Me } from '../../api/types.ts';
import type { ProjectSummary } from '../../api/projects.ts';

/** What the signed-in user may do on a project: the console's copy of workflows/project's rules, to show only buttons the API will take. */
export type ProjectRights = { plan: boolean; replan: boolean; start: boolean; suspend: boolean; resume: boolean; complete: boolean; fileReport: boolean; reportProblem: boolean };

export function rightsOn(me: Me | null, p: Pick<ProjectSummary, 'state' | 'leaderId' | 'unitId'>): ProjectRights {
  const none = { plan: false, replan: false, start: false, suspend: false, resume: false, complete: false, fileReport: false, reportProblem: false };
  if (me?.kind !== 'official') return none;
  const roles = new Set(me.roles);
  const registrar = roles.has('dispatcher') || roles.has('admin');
  const leader = roles.has('leader') && me.leaderId === p.leaderId;
  const unit = (roles.has('handler') || roles.has('unit_head')) && me.unitId === p.unitId;
  const head = roles.has('unit_head') && me.unitId === p.unitId;
  const oversight = roles.has('supervisor') || roles.has('admin');
  const open = p.state !== 'completed';
  return {
    plan: open && (registrar || leader || unit),
    replan: open && (registrar || leader),
    start: p.state === 'planned' && (registrar || head),
    suspend: p.state === 'underWay' && (leader || oversight),
    resume: p.state === 'suspended' && (leader || oversight),
    complete: p.state === 'underWay' && (registrar || head),
    fileReport: p.state === 'underWay' && unit,
    reportProblem: open && (unit || leader || registrar || roles.has('supervisor')),
  };
}
