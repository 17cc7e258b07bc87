import { shanghaiText } from '@huiyin/calendar';
import type { Audience, Notice, NoticeKind } from '../notice/notice.ts';
import type { AnyClockKind, ClockStep } from './track.ts';

/** What a clock on the track belongs to: an issue, or a key project (`what`: the milestone or period). */
export type OnTrack =
  | {
      issue: {
        number: string;
        title: string;
        enterpriseId: string;
        leadUnitId: string | null;
        leaderId: string | null;
        serviceCentreUnitId?: string | null;
        /** 首问责任人: hears of the listing's track until dispatch. */
        firstResponderId?: string | null;
      };
    }
  | { project: { id: string; name: string; unitId: string; leaderId: string }; what: string };

/**
 * The clock whose step fired: its kind, subject (an assisting unit, a milestone), due time and
 * version; `label` names an issue's milestone in the notice.
 */
export type ClockOnTrack = { id: string; kind: AnyClockKind; subject: string; dueAt: Date; version: number; label?: string | undefined };

const TASK: Record<AnyClockKind, string> = {
  listing: '列单派单',
  claim: '签收',
  handling: '办理答复',
  assist: '协办反馈',
  supplement: '补齐材料',
  rating: '评价',
  milestone: '完成节点',
  report: '报送进度',
};

/** Each step's notice kind, for its channels (quiet hours, urgency, SMS template). */
const STEP_KINDS: Partial<Record<ClockStep, NoticeKind>> = { reminded: 'reminder', yellow: 'yellow', red: 'red', leader: 'escalation', supervision: 'supervisionOrder' };

/**
 * Who hears of each step of the track (docs/domain.md#track), and what they are asked to do by
 * when: the responsible unit (an assist clock's assisting unit, else the lead unit), then its
 * heads, the leader, and supervision with its 督办单, whose reply is due at `orderDue`. A key
 * project's notices point to the project. One message per clock, step and version.
 */
export function stepNotices(on: OnTrack, clock: ClockOnTrack, step: ClockStep, orderDue: Date | null): Notice[] {
  const issue = 'issue' in on ? on.issue : null;
  const project = 'project' in on ? on.project : null;
  const unit = project?.unitId ?? (clock.kind === 'assist' ? clock.subject : (issue?.leadUnitId ?? ''));
  const leaderId = project?.leaderId ?? issue?.leaderId ?? null;
  const leader: Audience[] = leaderId ? [{ leader: leaderId }] : [];
  const head = 'issue' in on ? `${on.issue.number}「${on.issue.title}」` : `重点项目「${on.project.name}」${on.what}`;
  const task = clock.label ? `${TASK[clock.kind]}「${clock.label}」` : TASK[clock.kind];
  const due = shanghaiText(clock.dueAt);
  const dedupeKey = `track-${clock.id}-${step}-${clock.version}`;
  const link = project ? { link: `/projects/${project.id}` } : {};
  const kind = STEP_KINDS[step] ?? 'general';
  const n = (audience: Audience[], subject: string, text: string): Notice => ({ audience, subject: `${subject}${head}`, text, dedupeKey, kind, ...link });
  if ('issue' in on && clock.kind === 'listing') {
    const responder: Audience[] = on.issue.firstResponderId ? [{ official: on.issue.firstResponderId }] : [];
    return listingNotices(on.issue.serviceCentreUnitId ?? null, step, due, orderDue, (audience, subject, text) => n([...audience, ...responder], subject, text));
  }
  if ('issue' in on && clock.kind === 'supplement') {
    const enterprise = { enterprise: on.issue.enterpriseId };
    return step === 'reminded'
      ? [n([enterprise], '【补齐材料提醒】', `容缺受理的材料请于 ${due} 前补齐。`)]
      : [n([enterprise, { unit }], '【材料逾期未补齐】', `容缺材料已于 ${due} 到期仍未补齐，请承办单位与企业联系。`)];
  }
  switch (step) {
    case 'reminded':
      return [n([{ unit }], '【即将到期】', `${task}时限为 ${due}，请抓紧${project ? '推进' : '办理'}。`)];
    case 'yellow':
      return [n([{ unit, heads: true }], '【黄牌预警】', `${task}将于 ${due} 到期仍未完成，请单位负责人督促。`)];
    case 'red':
      return [n([...leader, { unit, heads: true }], '【红牌超期】', `${task}已于 ${due} 超期，请分包领导和单位负责人过问。`)];
    case 'leader':
      return [n(leader, '【提级至分包领导】', `${task}超期未完成，已提级至分包领导，请即协调并作出安排（原时限 ${due}）。`)];
    case 'supervision':
      return [
        n(
          [{ role: 'supervisor' }, ...leader, { unit, heads: true }],
          '【督办单】',
          `${task}超期且提级后仍未完成，督查室已下发督办单，请于 ${shanghaiText(orderDue)} 前书面回复${project ? '' : '办理情况'}。`,
        ),
      ];
    default:
      return [];
  }
}

/**
 * The service centre's own clock (列单派单): its dispatchers are reminded and warned, its heads
 * hear of the red card and the escalation, and supervision issues the 督办单 to it.
 */
function listingNotices(centre: string | null, step: ClockStep, due: string, orderDue: Date | null, n: (audience: Audience[], subject: string, text: string) => Notice): Notice[] {
  const dispatchers: Audience = { role: 'dispatcher' };
  const heads: Audience[] = centre ? [{ unit: centre, heads: true }] : [];
  switch (step) {
    case 'reminded':
      return [n([dispatchers], '【待列单即将到期】', `列单派单时限为 ${due}，请抓紧列单派单。`)];
    case 'yellow':
      return [n([dispatchers, ...heads], '【列单黄牌预警】', `列单派单将于 ${due} 到期仍未派单，请服务中心负责人督促。`)];
    case 'red':
      return [n([dispatchers, ...heads], '【列单红牌超期】', `列单派单已于 ${due} 超期，企业仍在等待，请即列单派单。`)];
    case 'leader':
      return [n(heads.length ? heads : [dispatchers], '【提级至服务中心负责人】', `列单派单超期未完成，已提级至服务中心负责人（原时限 ${due}）。`)];
    case 'supervision':
      return [n([{ role: 'supervisor' }, dispatchers, ...heads], '【督办单】', `列单派单超期且提级后仍未完成，督查室已下发督办单，请于 ${shanghaiText(orderDue)} 前书面回复。`)];
    default:
      return [];
  }
}
