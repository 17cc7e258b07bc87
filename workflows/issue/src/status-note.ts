import { shanghaiMinute } from '@huiyin/calendar';
import { type IssueSnapshot, stateOf } from './decide.ts';

export type Names = { unit(id: string | null): string; leader(id: string | null): string };

const shanghai = (iso: string | null) => (iso ? shanghaiMinute(new Date(iso)) : '—');

/**
 * The note the enterprise sees on its issue: why it is waiting and on whom (件件有回音).
 * In Chinese, the district's language; the console translates the state names, not this text.
 */
export function statusNote(snapshot: IssueSnapshot, names: Names): string {
  const c = snapshot.context;
  const unit = names.unit(c.leadUnitId);
  switch (stateOf(snapshot)) {
    case 'submitted':
      return '已受理，营商环境服务中心正在确定分包领导和责任单位（列单）。';
    case 'listed':
      return `已列单：分包领导${names.leader(c.leaderId)}，责任单位${unit}，即将派发。`;
    case 'awaitingClaim':
      return `已派发至${unit}，等待签收（签收时限 ${shanghai(c.claimDueAt)}，办理时限 ${shanghai(c.handlingDueAt)}）。`;
    case 'returned':
      return `${names.unit(c.returningUnitId)}对分派提出异议，正在裁定责任单位，办理时限不变。`;
    case 'inProgress.working':
      return `${unit}正在办理，将于 ${shanghai(c.handlingDueAt)} 前答复。`;
    case 'inProgress.waitingOnEnterprise':
      return `${unit}等待企业补充信息，补充后继续办理（等待期间办理时限暂停）。`;
    case 'answerReview':
      return `${unit}已拟定答复意见，单位负责人正在审核。`;
    case 'answerSignOff':
      return `答复意见正在由分包领导${names.leader(c.leaderId)}审签。`;
    case 'resolved':
      return `已答复，请在 ${shanghai(c.ratingDueAt)} 前评价：问题是否解决、是否满意。`;
    case 'reopened':
      return `因企业不满意已重新交办${unit}，分包领导${names.leader(c.leaderId)}已知悉。`;
    case 'closed':
      return c.closedAs === 'struck_off' ? '已办结销号。' : '已办结销号，感谢评价。';
    case 'withdrawn':
      return '企业已撤回。';
    case 'duplicate':
      return '与此前反映的同一问题合并办理，请在原问题中跟踪进度。';
    default:
      return '';
  }
}
