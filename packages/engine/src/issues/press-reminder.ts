import { sql } from 'kysely';
import { endOfShanghaiDay, shanghaiDate, shanghaiText } from '@huiyin/calendar';
import { DomainError, hasRole, type Actor, type Audience } from '@huiyin/domain';
import { appendIssueEvents, visibleTo } from '@huiyin/store';
import type { EngineDeps } from '../deps.ts';
import { enqueueNotices } from '../notifications/enqueue-notices.ts';

/** Who may press 催办: the enterprise on its own issue, a leader on one they may see. */
function presserOf(actor: Actor): 'enterprise' | 'leader' {
  if (actor.kind === 'enterprise') return 'enterprise';
  if (actor.kind === 'official' && hasRole(actor, 'leader')) return 'leader';
  throw new DomainError('auth.forbidden', 'only the enterprise or a leader presses 催办');
}

/**
 * 催办: presses a reminder on an overdue issue (its most pressing running clock past due, as on the
 * board). One per issue, presser and Shanghai day: a second is `reminder.limit_reached` with the
 * seconds to the next Shanghai midnight in `retryAfterSeconds`. The press goes on the issue's
 * ledger (the enterprise sees its own) and its lead unit is told (before dispatch, the dispatchers),
 * by mail through the outbox and in their inbox, in the same transaction.
 */
export async function pressReminder(deps: EngineDeps, p: { issueId: string; actor: Actor }) {
  const presser = presserOf(p.actor);
  const accountId = p.actor.kind === 'system' ? null : p.actor.accountId;
  if (!accountId) throw new DomainError('auth.forbidden', 'only the enterprise or a leader presses 催办');
  const now = deps.clock();
  const day = shanghaiDate(now);
  return deps.db.transaction().execute(async (trx) => {
    // The issue's lock orders the press against its commands and track steps.
    const issue = await trx.selectFrom('issues').selectAll().where('id', '=', p.issueId).where(visibleTo(p.actor)).forUpdate().executeTakeFirst();
    if (!issue) throw new DomainError('issue.not_found', 'no such issue');
    if (issue.closed_at) throw new DomainError('issue.wrong_state', 'the issue has ended', { details: { state: issue.state } });
    if (issue.pressing_due_at === null || issue.pressing_due_at >= now) {
      throw new DomainError('issue.not_overdue', '催办 is for an overdue issue', { details: { dueAt: issue.pressing_due_at } });
    }
    const pressed = await trx
      .insertInto('issue_reminders')
      .values({ issue_id: issue.id, pressed_by: accountId, presser, day, pressed_at: now })
      .onConflict((c) => c.constraint('issue_reminders_once_a_day').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!pressed) {
      const next = endOfShanghaiDay(day);
      throw new DomainError('reminder.limit_reached', `催办 once a day per issue: again after ${next.toISOString()}`, {
        details: { retryAfterSeconds: Math.max(1, Math.ceil((next.getTime() - now.getTime()) / 1000)), nextAt: next.toISOString() },
      });
    }
    // Counted per kind of presser: the enterprise sees its own count, never how often leaders pressed.
    const [{ n } = { n: 1 }] = (await sql<{ n: number }>`select count(*)::int as n from issue_reminders where issue_id = ${issue.id} and presser = ${presser}`.execute(trx)).rows;
    const payload = { presser, reminderId: pressed.id, overdueSince: issue.pressing_due_at, unitId: issue.lead_unit_id, count: n };
    const rows = await appendIssueEvents(
      trx,
      [{ issueId: issue.id, version: issue.version, events: [{ type: 'pressReminder', actor: p.actor, payload, stateAfter: issue.state, at: now, visibleToEnterprise: presser === 'enterprise' }] }],
      now,
    );
    const who = presser === 'enterprise' ? '企业' : '分包领导';
    const audience: Audience[] = issue.lead_unit_id ? [{ unit: issue.lead_unit_id }] : [{ role: 'dispatcher' }];
    await enqueueNotices(trx, issue.id, [
      {
        audience,
        subject: `【催办】${issue.number}「${issue.title}」`,
        text: `${who}对超期事项 ${issue.number}「${issue.title}」催办（第 ${n} 次），该事项已于 ${shanghaiText(issue.pressing_due_at)} 到期，请尽快办理。`,
        dedupeKey: `press-${pressed.id}`,
        kind: 'reminder',
      },
    ]);
    return { issueId: issue.id, number: issue.number, presser, pressedAt: now, count: n, version: rows.get(issue.id)?.version ?? issue.version + 1 };
  });
}
