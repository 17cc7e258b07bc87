import type { ClockKind, ClockStep } from '@huiyin/domain';
import type { Audience, Notice } from '../issues/notices.ts';
import { shanghaiText } from '../issues/command-helpers.ts';
import type { IssueRow } from '@huiyin/store';

const WHAT: Record<ClockKind, string> = { claim: '签收', handling: '办理答复', assist: '协办反馈', supplement: '补齐材料', rating: '评价' };

/**
 * Who hears of each step of the track, and what they are asked to do by when. The unit is the
 * assisting unit for an assist clock and the lead unit otherwise.
 */
export function stepNotices(issue: IssueRow, clock: { id: string; kind: ClockKind; subject: string; due_at: Date; version: number }, step: ClockStep, orderDue: Date | null): Notice[] {
  const unit = clock.kind === 'assist' ? clock.subject : (issue.lead_unit_id ?? '');
  const leader: Audience[] = issue.leader_id ? [{ leader: issue.leader_id }] : [];
  const what = WHAT[clock.kind];
  const due = shanghaiText(clock.due_at);
  const head = `${issue.number}「${issue.title}」`;
  const dedupeKey = `track-${clock.id}-${step}-${clock.version}`;
  const n = (audience: Audience[], subject: string, text: string): Notice => ({ audience, subject: `${subject}${head}`, text, dedupeKey });
  if (clock.kind === 'supplement') {
    return step === 'reminded'
      ? [n([{ enterprise: issue.enterprise_id }], '【补齐材料提醒】', `容缺受理的材料请于 ${due} 前补齐。`)]
      : [n([{ enterprise: issue.enterprise_id }, { unit }], '【材料逾期未补齐】', `容缺材料已于 ${due} 到期仍未补齐，请承办单位与企业联系。`)];
  }
  switch (step) {
    case 'reminded':
      return [n([{ unit }], '【即将到期】', `${what}时限为 ${due}，请抓紧办理。`)];
    case 'yellow':
      return [n([{ unit, heads: true }], '【黄牌预警】', `${what}将于 ${due} 到期仍未完成，请单位负责人督促。`)];
    case 'red':
      return [n([...leader, { unit, heads: true }], '【红牌超期】', `${what}已于 ${due} 超期，请分包领导和单位负责人过问。`)];
    case 'leader':
      return [n(leader, '【提级至分包领导】', `${what}超期未完成，已提级至分包领导，请即协调并作出安排（原时限 ${due}）。`)];
    case 'supervision':
      return [
        n([{ role: 'supervisor' }, ...leader, { unit, heads: true }], '【督办单】', `${what}超期且提级后仍未完成，督查室已下发督办单，请于 ${shanghaiText(orderDue)} 前书面回复办理情况。`),
      ];
    default:
      return [];
  }
}
