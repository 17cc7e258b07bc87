import { fireClockStep, type EngineDeps } from '@huiyin/engine';

/**
 * Fires, at their own times, every clock step that fell due during the demo's simulated month,
 * so the district starts with its reminders, red cards and 督办单 already on the record instead
 * of a flood of them the moment the worker starts. With `issueId`, only that issue's clocks.
 * Returns the number of steps applied.
 */
export async function catchUpClocks(base: EngineDeps, until: Date, issueId?: string): Promise<number> {
  let applied = 0;
  for (;;) {
    let query = base.db.selectFrom('clocks').select(['id', 'next_step', 'next_step_at', 'version']).where('status', '=', 'running').where('next_step_at', '<=', until);
    // While one issue's history is driven, only its own clocks move.
    if (issueId) query = query.where('issue_id', '=', issueId);
    const due = await query.orderBy('next_step_at').limit(500).execute();
    if (due.length === 0) return applied;
    let progressed = false;
    for (const c of due) {
      if (!c.next_step || !c.next_step_at) continue;
      const at = c.next_step_at;
      const result = await fireClockStep({ ...base, clock: () => at }, { clockId: c.id, step: c.next_step, version: c.version });
      if (result.outcome === 'applied') {
        applied++;
        progressed = true;
      }
    }
    if (!progressed) return applied;
  }
}
