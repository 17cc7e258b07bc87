import type { Actor, Role } from '@huiyin/domain';
import { issueCommands, executeIssueCommand, fileIssue, ratingTimeout, type IssueCommand, type EngineDeps } from '@huiyin/engine';
import type { DemoDistrict, DemoIssueDraft, IssueTarget } from './data/index.ts';
import type { Ids } from './load-master-data.ts';
import { catchUpClocks } from './catch-up-clocks.ts';

const ORDER: IssueTarget[] = ['submitted', 'listed', 'awaitingClaim', 'inProgress', 'answerReview', 'answerSignOff', 'resolved', 'closed'];
const reached = (target: IssueTarget, step: IssueTarget) => {
  const t = target === 'returned' ? 'awaitingClaim' : target === 'reopened' ? 'closed' : target === 'withdrawn' ? 'inProgress' : target;
  return ORDER.indexOf(t) >= ORDER.indexOf(step);
};
const HOUR = 3600_000;

/**
 * Drives each draft through the real use cases to its target stage, with a simulated clock that
 * starts up to a month ago, so the demo has history, due times and some overdue work.
 */
export async function driveIssues(base: EngineDeps, district: DemoDistrict, ids: Ids, startAt: Date): Promise<number> {
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
  let count = 0;
  for (const [i, draft] of district.issues.entries()) {
    // Finished issues spread over the past 30 days, open ones over the past 12, so that most open
    // work is within its limits and some is overdue, as in a district that mostly keeps them.
    const days = ['closed', 'withdrawn'].includes(draft.target) ? 30 : 12;
    let clock = startAt.getTime() - days * 24 * HOUR + Math.floor((i / district.issues.length) * (days - 1) * 24 * HOUR);
    const deps: EngineDeps = { ...base, clock: () => new Date(clock) };
    const ent = ids.enterprises.get(draft.enterpriseKey);
    if (!ent) throw new Error(`no demo enterprise ${draft.enterpriseKey}`);
    const enterprise: Actor = { kind: 'enterprise', accountId: ent.accountId, enterpriseId: ent.id };
    const { issue } = await fileIssue(deps, {
      actor: enterprise,
      input: { categoryId: ids.categories.get(draft.categoryCode) ?? '', title: draft.title, description: draft.description, attachmentIds: [], channel: 'portal' },
    });
    count++;
    const late = lateSteps(i, days);
    const act = async (who: Actor, name: CommandName, input: object) => {
      clock += 2 * HOUR;
      clock = await lateBy(base, issue.id, late.get(name), clock, startAt.getTime());
      // The reminders, cards and 督办单 that fell due meanwhile go on the record at their own times.
      await catchUpClocks(base, new Date(clock), issue.id);
      const command = name === 'ratingTimeout' ? ratingTimeout : issueCommands[name];
      await executeIssueCommand(deps, { issueId: issue.id, actor: who, command: command as IssueCommand<object>, input });
    };
    await drive(draft, act, official, enterprise, ids, clock, base);
  }
  return count;
}

/** A command the demo takes: one of `issueCommands`, or the rating clock's timeout. */
type CommandName = keyof typeof issueCommands | 'ratingTimeout';
type Act = (who: Actor, name: CommandName, input: object) => Promise<void>;

/**
 * Which steps of the issue at `index` the demo takes late, so its bulletins have late claims and
 * answers, red cards and causes to show: about one issue in eight is claimed after its claim
 * clock ran out, one finished issue in eleven is answered after its handling clock ran out.
 * Each value names the clock whose due time the step waits past.
 */
function lateSteps(index: number, days: number): Map<string, 'claim' | 'handling'> {
  const late = new Map<string, 'claim' | 'handling'>();
  if (index % 8 === 3) late.set('claim', 'claim');
  if (days === 30 && index % 11 === 5) late.set('resolve', 'handling');
  return late;
}

/** The simulated time for a late step: a day past its clock's due time, unless that is too close to now. */
async function lateBy(deps: EngineDeps, issueId: string, kind: 'claim' | 'handling' | undefined, clock: number, now: number): Promise<number> {
  if (!kind) return clock;
  const row = await deps.db.selectFrom('clocks').select('due_at').where('issue_id', '=', issueId).where('kind', '=', kind).where('status', '<>', 'stopped').executeTakeFirst();
  if (!row) return clock;
  const later = Math.max(clock, row.due_at.getTime() + 26 * HOUR);
  // The issue's remaining steps still need a day of history before now.
  return later + 30 * HOUR < now ? later : clock;
}

async function drive(draft: DemoIssueDraft, act: Act, official: (login: string) => Actor, enterprise: Actor, ids: Ids, at: number, deps: EngineDeps) {
  const t = draft.target;
  if (!reached(t, 'listed')) return;
  const unitKey = draft.leadUnitKey;
  const handler = official(`${unitKey}-h1`);
  const head = official(`${unitKey}-head`);
  const leader = official(draft.leaderKey);
  const dispatcher = official('dispatcher1');
  const listAt = new Date(at + 2 * HOUR);
  await act(dispatcher, 'list', {
    leaderId: ids.leaders.get(draft.leaderKey),
    leadUnitId: ids.units.get(unitKey),
    assistingUnitIds: draft.assistingUnitKeys.map((k) => ids.units.get(k)),
    milestones: draft.milestones.map((m) => ({ title: m.title, dueAt: deps.calendar.addWorkingDays(listAt, Math.max(1, m.offsetWorkingDays)).toISOString() })),
    pendingDocuments: [],
    ...(draft.greenChannel ? { greenChannel: true } : {}),
  });
  if (!reached(t, 'awaitingClaim')) return;
  await act(dispatcher, 'dispatch', {});
  if (t === 'returned') return act(handler, 'returnIssue', { reason: draft.returnReason ?? '不属于本单位职责范围' });
  if (!reached(t, 'inProgress')) return;
  await act(handler, 'claim', {});
  await act(handler, 'recordFirstContact', { channel: 'phone', note: '已电话联系企业，了解诉求详情并约定现场对接。' });
  if (t === 'withdrawn') return act(enterprise, 'withdraw', { reason: draft.withdrawReason ?? '问题已自行解决' });
  if (!reached(t, 'answerReview')) return;
  for (const k of draft.assistingUnitKeys) await act(official(`${k}-h1`), 'answerAssist', { body: '我单位已按职责提出协办意见，可按主办单位方案推进。' });
  const answer = draft.answer ?? '经协调，相关问题已解决。';
  await act(handler, 'resolve', draft.negative ? { outcome: 'negative', body: '按现行政策暂无法按原诉求办理。', wayForward: answer } : { outcome: 'positive', body: answer });
  if (!reached(t, 'answerSignOff')) return;
  await act(head, 'reviewAnswer', { approve: true });
  if (!reached(t, 'resolved')) return;
  if (draft.negative) await act(leader, 'signOff', { approve: true });
  if (!reached(t, 'closed')) return;
  if (draft.rating) return act(enterprise, 'rate', draft.rating);
  await act({ kind: 'system' }, 'ratingTimeout', {});
  await act({ kind: 'system' }, 'ratingTimeout', {});
}
