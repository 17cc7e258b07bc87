import { setTimers, type EngineDeps } from '../deps.ts';
import { recomputeOpenClocks, type RecomputeOpenClocksResult } from '../clocks/recompute-open-clocks.ts';
import { deleteExtraDay, saveExtraDays, type DeclarationSource, type ExtraDayToSave } from './extra-days.ts';

export type CalendarDeclared = { count: number; recompute: Omit<RecomputeOpenClocksResult, 'timers'> | null };

/**
 * Declares holidays and make-up workdays (the API's admin route and `huiyin calendar import`):
 * saves them, reloads the calendar, recomputes every open issue's running clocks under it and,
 * once those have committed, sets the moved clocks' timers. Without `refreshCalendar` the days
 * are saved only and apply from the next start (or when a follower reloads them).
 */
export async function declareCalendarDays(
  deps: EngineDeps & { refreshCalendar?: (() => Promise<void>) | undefined },
  params: { days: ExtraDayToSave[]; source: DeclarationSource },
): Promise<CalendarDeclared> {
  const count = await saveExtraDays(deps.db, params.days, params.source);
  if (!deps.refreshCalendar) return { count, recompute: null };
  await deps.refreshCalendar();
  const { timers, ...recompute } = await recomputeOpenClocks(deps, { reason: 'calendar' });
  await setTimers(deps, timers);
  return { count, recompute };
}

/**
 * Withdraws a declared day (admin: `DELETE /api/v1/calendar/days/{date}`), then as a declaration:
 * reloads the calendar, recomputes the open clocks under it and sets the moved clocks' timers.
 */
export async function withdrawCalendarDay(
  deps: EngineDeps & { refreshCalendar?: (() => Promise<void>) | undefined },
  params: { date: string; accountId: string | null },
): Promise<Omit<CalendarDeclared, 'count'>> {
  await deleteExtraDay(deps.db, params.date, params.accountId);
  if (!deps.refreshCalendar) return { recompute: null };
  await deps.refreshCalendar();
  const { timers, ...recompute } = await recomputeOpenClocks(deps, { reason: 'calendar' });
  await setTimers(deps, timers);
  return { recompute };
}
