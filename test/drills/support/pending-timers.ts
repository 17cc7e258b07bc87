import { createWorkingCalendar } from '@huiyin/calendar';
import { openQueueBackend } from '@huiyin/queues';
import type { Db } from '@huiyin/store';
import { createClockTimers, dueInstants, instantJobId, WINDOW_LEAD_MS, type DueInstant } from '@huiyin/timers';
import { armClocks, runningClockIds } from '../../../bench/support/arm-clocks.ts';
import { loadOpenIssues, seedDistrict, templateIssues } from '../../../bench/support/open-issues.ts';

/**
 * Open issues loaded in bulk SQL beside a drill's own (the bench's loader), each with one running
 * handling clock: `soon` of them with their reminder due between `soonFrom` and `soonTo` from now
 * (they fire during the drill), the rest 1 to 6 hours ahead. Their timers are then set on the
 * drill's Redis as a running worker's reconcile would. Returns the instants set and the ids of the
 * issues due soon.
 */
export async function loadPendingTimers(
  db: Db,
  options: { count: number; soon: number; soonFromMs: number; soonToMs: number; redisUrl: string; databaseUrl: string; prefix: string },
): Promise<{ instants: DueInstant[]; soonIssues: string[] }> {
  const district = await seedDistrict(db, 2000);
  const templates = await templateIssues({ db, calendar: createWorkingCalendar(), clock: () => new Date() }, district);
  const before = new Set(await runningClockIds(db));
  await loadOpenIssues(db, district, templates, options.count, 0, 5 * 3600);
  const loaded = (await runningClockIds(db)).filter((id) => !before.has(id));
  const now = Date.now();
  const soon = await armClocks(db, loaded.slice(0, options.soon), (i) => new Date(now + options.soonFromMs + ((options.soonToMs - options.soonFromMs) * i) / Math.max(1, options.soon)));
  const soonIssues = (
    await db
      .selectFrom('clocks')
      .select('issue_id')
      .where('id', 'in', soon.length ? soon.map((r) => r.clockId) : ['00000000-0000-0000-0000-000000000000'])
      .execute()
  ).map((r) => r.issue_id ?? '');
  const backend = await openQueueBackend({ kind: 'redis', redisUrl: options.redisUrl, databaseUrl: options.databaseUrl, prefix: options.prefix });
  const timers = createClockTimers(backend);
  try {
    const instants = await dueInstants(db, new Date());
    await timers.arm(instants);
    return { instants, soonIssues };
  } finally {
    await timers.close();
    await backend.close();
  }
}

/** Which of these instants have no job under `prefix` on this Redis (window jobs and drains due later than `after`). */
export async function missingInstants(redis: { exists(...keys: string[]): Promise<number> }, prefix: string, instants: readonly DueInstant[], after: number): Promise<DueInstant[]> {
  const missing: DueInstant[] = [];
  for (const i of instants) {
    // A drain already past has run and gone; a window whose lead has passed has set its drains.
    const fires = i.kind === 'window' ? i.at - WINDOW_LEAD_MS : i.at;
    if (fires <= after) continue;
    if ((await redis.exists(`${prefix}:clock-steps:${instantJobId(i)}`)) === 0) missing.push(i);
  }
  return missing;
}
