import { sql } from 'kysely';
import { shanghaiDate, shanghaiText } from '@huiyin/calendar';
import type { Db } from '@huiyin/store';
import { reachOf, type DigestMail } from './digest-mail.ts';

type Figures = { red: number; escalated: number; orders_open: number; orders_late: number };

/** One supervisor's digest (pure): the district's overdue and escalated issues and the 督办单 awaiting a reply. */
function supervisorDigestMail(official: { id: string; name: string; email: string }, f: Figures, now: Date): DigestMail {
  const date = shanghaiDate(now);
  return {
    officialId: official.id,
    dedupeKey: `supervision-digest-${official.id}-${date}`,
    to: [official.email],
    subject: `【每日督查】${date} 超期 ${f.red} 件，已提级 ${f.escalated} 件，督办单待回复 ${f.orders_open} 份`,
    text: [
      `${official.name}：截至 ${shanghaiText(now)}，`,
      `- 红牌超期未办结：${f.red} 件（其中已提级至分包领导或督查：${f.escalated} 件）`,
      `- 督办单待回复：${f.orders_open} 份（其中已过回复时限：${f.orders_late} 份）`,
      '',
      '请登录回音系统督查看板查看。',
    ].join('\n'),
    link: '/board',
  };
}

/** The figures of the supervisors' digest, in one statement: colours from each open issue's narrow track row (T31), not the issues' heap. */
async function figures(db: Db, now: Date): Promise<Figures> {
  const { rows } = await sql<Figures>`select
      (select count(*)::int from open_issue_tracks where track in ('red', 'leader', 'supervision')) as red,
      (select count(*)::int from open_issue_tracks where track in ('leader', 'supervision')) as escalated,
      (select count(*)::int from supervision_orders where replied_at is null) as orders_open,
      (select count(*)::int from supervision_orders where replied_at is null and due_at < ${now}) as orders_late`.execute(db);
  return rows[0] ?? { red: 0, escalated: 0, orders_open: 0, orders_late: 0 };
}

/** One digest per supervisor with an account: they have no inbox of tasks, but follow the whole district. */
export async function buildSupervisorDigests(db: Db, now: Date): Promise<DigestMail[]> {
  const supervisors = await db
    .selectFrom('officials')
    .where(sql<boolean>`'supervisor' = any(officials.roles)`)
    .where('officials.deactivated_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('accounts').select('accounts.id').whereRef('accounts.official_id', '=', 'officials.id')))
    .select(['officials.id', 'officials.name', 'officials.email', 'officials.phone', 'officials.notice_channels'])
    .orderBy('officials.id')
    .execute();
  if (supervisors.length === 0) return [];
  const f = await figures(db, now);
  return supervisors.map((o) => ({ ...supervisorDigestMail(o, f, now), ...reachOf(o) }));
}
