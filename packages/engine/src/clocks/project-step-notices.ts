import type { ClockStep } from '@huiyin/domain';
import type { Audience, Notice } from '../issues/notices.ts';
import { shanghaiText } from '../issues/command-helpers.ts';
import type { ProjectRow } from '../projects/project-ledger.ts';

/**
 * Who hears of each step of a key project's milestone or report track, as for an issue's: the
 * responsible unit, then its heads, the project's leader, and supervision with the 督办单. Each
 * notice points to the project in the console.
 */
export function projectStepNotices(
  project: Pick<ProjectRow, 'id' | 'name' | 'leader_id' | 'unit_id'>,
  clock: { id: string; kind: 'milestone' | 'report'; due_at: Date; version: number },
  what: string,
  step: ClockStep,
  orderDue: Date | null,
): Notice[] {
  const unit = project.unit_id;
  const leader: Audience[] = [{ leader: project.leader_id }];
  const due = shanghaiText(clock.due_at);
  const head = `重点项目「${project.name}」${what}`;
  const task = clock.kind === 'report' ? '报送进度' : '完成节点';
  const dedupeKey = `track-${clock.id}-${step}-${clock.version}`;
  const link = `/projects/${project.id}`;
  const n = (audience: Audience[], subject: string, text: string): Notice => ({ audience, subject: `${subject}${head}`, text, dedupeKey, link });
  switch (step) {
    case 'reminded':
      return [n([{ unit }], '【即将到期】', `${task}时限为 ${due}，请抓紧推进。`)];
    case 'yellow':
      return [n([{ unit, heads: true }], '【黄牌预警】', `${task}将于 ${due} 到期仍未完成，请单位负责人督促。`)];
    case 'red':
      return [n([...leader, { unit, heads: true }], '【红牌超期】', `${task}已于 ${due} 超期，请分包领导和单位负责人过问。`)];
    case 'leader':
      return [n(leader, '【提级至分包领导】', `${task}超期未完成，已提级至分包领导，请即协调并作出安排（原时限 ${due}）。`)];
    case 'supervision':
      return [n([{ role: 'supervisor' }, ...leader, { unit, heads: true }], '【督办单】', `${task}超期且提级后仍未完成，督查室已下发督办单，请于 ${shanghaiText(orderDue)} 前书面回复。`)];
    default:
      return [];
  }
}
