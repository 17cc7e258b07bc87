import { nextStep, trackKind } from '@huiyin/domain';
import type { EngineDeps, TimerRequest } from '../deps.ts';
import { clockPolicyOf } from './policy.ts';
import { workingFrom } from './working-from.ts';

/**
 * After a category's track policy changed: each running clock of its open issues gets its next
 * step at the new offsets from the same due time. A clock whose next step moves gets a new
 * version, so the timer set for the old time finds nothing to do; the due times, the steps
 * already taken and the ledger are untouched (nothing happened to the issue itself). Issue by
 * issue, each under the issue's lock, as `fireClockStep` takes it (issue, then clock).
 */
export async function rescheduleTracks(deps: EngineDeps, options: { categoryId: string }): Promise<{ rescheduled: number; timers: TimerRequest[] }> {
  const issues = await deps.db
    .selectFrom('issues')
    .select('id')
    .where('category_id', '=', options.categoryId)
    .where('closed_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('clocks').select('clocks.id').whereRef('clocks.issue_id', '=', 'issues.id').where('clocks.status', '=', 'running')))
    .execute();
  const timers: TimerRequest[] = [];
  const held = workingFrom(deps.calendar);
  for (const { id } of issues) {
    const set = await deps.db.transaction().execute(async (trx) => {
      const issue = await trx.selectFrom('issues').select(['id', 'green_channel']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
      const clocks = await trx.selectFrom('clocks').selectAll().where('issue_id', '=', id).where('status', '=', 'running').forUpdate().execute();
      const { track } = await clockPolicyOf(trx, options.categoryId, issue.green_channel);
      const now = deps.clock();
      const out: TimerRequest[] = [];
      for (const clock of clocks) {
        const n = nextStep(trackKind(clock.kind), clock.step, clock.due_at, track, now, held);
        if (sameSchedule(n, clock.next_step, clock.next_step_at, now)) continue;
        const version = clock.version + 1;
        await trx
          .updateTable('clocks')
          .set({ next_step: n?.step ?? null, next_step_at: n?.at ?? null, version })
          .where('id', '=', clock.id)
          .execute();
        if (n) out.push({ clockId: clock.id, step: n.step, version, at: n.at });
      }
      return out;
    });
    timers.push(...set);
  }
  return { rescheduled: timers.length, timers };
}

/** Unchanged: the same next step at the same time, or at once both ways (a step already due stays due). */
function sameSchedule(n: { step: string; at: Date } | null, step: string | null, at: Date | null, now: Date): boolean {
  if (!n || !at) return !n && !at;
  if (n.step !== step) return false;
  return n.at.getTime() === at.getTime() || (n.at.getTime() <= now.getTime() && at.getTime() <= now.getTime());
}
