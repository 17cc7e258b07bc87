import { sql } from 'kysely';
import { shanghaiDate, shanghaiText } from '@huiyin/calendar';
import type { ChannelMessage, OfficialActor, Role } from '@huiyin/domain';

import type { EngineDeps } from '../deps.ts';
import { reachOf, type DigestMail } from './digest-mail.ts';
import { buildSupervisorDigests } from './supervisor-digest.ts';
import { inbox, type Task } from '../issues/work-queues.ts';

export type { DigestMail } from './digest-mail.ts';

const TASK_NAMES: Record<Task['task'], string> = {
  list: '列单',
  ruleReturn: '裁定退单',
  claim: '签收',
  handle: '办理答复',
  assist: '协办反馈',
  review: '审核答复',
  signOff: '审签答复',
  extension: '审批延期',
  escalated: '协调提级事项',
  supervisionOrder: '回复督办单',
  firstResponse: '跟进首问事项',
};

/** Return rulings carry no due time of their own (inbox() sorts them by last change). */
const UNTIMED = new Set<Task['task']>(['ruleReturn']);
/** A task's listing in a mail; at most this many lines per section. */
const MAX_LINES = 50;

/** When the task falls due, or null when it has no running due time (untimed, or the clock is paused). */
function dueOf(t: Task): Date | null {
  if (UNTIMED.has(t.task) || !t.dueAt) return null;
  if (t.task === 'handle' && t.state === 'inProgress.waitingOnEnterprise') return null;
  return new Date(t.dueAt);
}

function section(title: string, tasks: Task[]): string[] {
  if (tasks.length === 0) return [];
  const lines = tasks.slice(0, MAX_LINES).map((t) => {
    const due = dueOf(t);
    return `- ${t.number} ${t.title}（${t.enterpriseName}）· ${TASK_NAMES[t.task]}${due ? ` · ${shanghaiText(due)} 前` : ''}`;
  });
  if (tasks.length > MAX_LINES) lines.push(`- ……另有 ${tasks.length - MAX_LINES} 项`);
  return ['', `${title}（${tasks.length} 项）：`, ...lines];
}

/**
 * The digest of one official's open tasks (pure): overdue ones, those falling due by `dueBy`
 * (the close of the next working day), then the rest. Null when there is nothing to do.
 */
export function digestMail(official: { id: string; name: string; email: string }, tasks: Task[], now: Date, dueBy: Date): DigestMail | null {
  if (tasks.length === 0) return null;
  const overdue: Task[] = [];
  const soon: Task[] = [];
  const rest: Task[] = [];
  for (const t of tasks) {
    const due = dueOf(t);
    if (due && due < now) overdue.push(t);
    else if (due && due <= dueBy) soon.push(t);
    else rest.push(t);
  }
  const date = shanghaiDate(now);
  const counts = [overdue.length ? `${overdue.length} 项已超期` : '', soon.length ? `${soon.length} 项下一个工作日内到期` : ''].filter(Boolean);
  return {
    officialId: official.id,
    dedupeKey: `digest-${official.id}-${date}`,
    to: [official.email],
    subject: `【每日待办】${date} 共 ${tasks.length} 项${counts.map((c) => `，${c}`).join('')}`,
    text: [
      `${official.name}：截至 ${shanghaiText(now)}，您有 ${tasks.length} 项待办。`,
      ...section('已超期', overdue),
      ...section(`${shanghaiText(dueBy)} 前到期`, soon),
      ...section('其他待办', rest),
      '',
      '请登录回音系统办理。',
    ].join('\n'),
  };
}

/** Roles that can have tasks in an inbox; supervisors and admins get no digest. */
const WORKING_ROLES: Role[] = ['handler', 'unit_head', 'leader', 'dispatcher'];

/**
 * One digest mail per official with open tasks, as their inbox shows them at `now`. Officials
 * without an account cannot act on tasks and get none.
 */
export async function buildDailyDigests(deps: Pick<EngineDeps, 'db' | 'calendar'>, now: Date): Promise<DigestMail[]> {
  const officials = await deps.db
    .selectFrom('officials')
    .innerJoin('accounts', 'accounts.official_id', 'officials.id')
    .distinctOn('officials.id')
    .select([
      'officials.id',
      'officials.name',
      'officials.email',
      'officials.roles',
      'officials.unit_id',
      'officials.leader_id',
      'officials.phone',
      'officials.notice_channels',
      'accounts.id as accountId',
    ])
    .where(sql<boolean>`officials.roles && ${sql.val(WORKING_ROLES)}::text[]`)
    .where('officials.deactivated_at', 'is', null)
    .orderBy('officials.id')
    .orderBy('accounts.created_at')
    .execute();
  const dueBy = deps.calendar.addWorkingDays(now, 1);
  const digests: DigestMail[] = [];
  // One official at a time: a daily job, kept off the pool's other users.
  for (const o of officials) {
    const actor: OfficialActor = { kind: 'official', accountId: o.accountId, officialId: o.id, roles: o.roles, unitId: o.unit_id, leaderId: o.leader_id };
    const mail = digestMail(o, await inbox(deps.db, actor), now, dueBy);
    if (mail) digests.push({ ...mail, ...reachOf(o) });
  }
  return digests;
}

/** A digest's outbox rows: the mail, and an SMS where the official chose one (digest template). */
function digestRows(d: DigestMail) {
  const rows = [];
  if (d.mail !== false)
    rows.push({ topic: 'mail', issue_id: null, payload: JSON.stringify({ to: d.to, subject: d.subject, text: d.text, ...(d.link ? { link: d.link } : {}) }), dedupe_key: d.dedupeKey });
  if (d.sms) {
    const message: ChannelMessage = { kind: 'digest', subject: d.subject, text: d.text, link: d.link ?? null, to: [d.sms] };
    rows.push({ topic: 'sms', issue_id: null, payload: JSON.stringify(message), dedupe_key: `${d.dedupeKey}/sms/${d.sms}` });
  }
  return rows;
}

/**
 * Builds the day's digests — each official's tasks, and the supervisors' view of the district — and
 * puts them in the outbox through each one's channels. Each carries the key
 * `digest-<officialId>-<YYYY-MM-DD Shanghai>`, so running it again the same day sends nothing more.
 */
export async function enqueueDailyDigests(deps: Pick<EngineDeps, 'db' | 'calendar'>, now: Date): Promise<{ digests: number; enqueued: number }> {
  const digests = [...(await buildDailyDigests(deps, now)), ...(await buildSupervisorDigests(deps.db, now))];
  const rows = digests.flatMap(digestRows);
  if (rows.length === 0) return { digests: digests.length, enqueued: 0 };
  const inserted = await deps.db
    .insertInto('outbox')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  return { digests: digests.length, enqueued: inserted.length };
}
