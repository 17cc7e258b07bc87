import { shanghaiDate, type WorkingCalendar } from '@huiyin/calendar';
import type { Notice } from '@huiyin/domain';
import type { EngineDeps } from '../deps.ts';
import { enqueueNoticeBatch } from '../notifications/enqueue-notice-batch.ts';

/** From this Shanghai month-day on, an undeclared next year is a warning. */
const WARN_FROM = '11-01';

/**
 * Whether next year's holidays are declared (docs/domain.md#working-calendar). The State Council
 * publishes them late in the year; until someone imports them, every due time counted into next
 * year is provisional. From 1 November an undeclared next year is a warning.
 */
export function calendarStatus(calendar: WorkingCalendar, now: Date) {
  const today = shanghaiDate(now);
  const nextYear = Number(today.slice(0, 4)) + 1;
  const jan1 = new Date(`${nextYear}-01-01T00:00:00+08:00`);
  const declared = calendar.undeclaredYears(jan1, jan1).length === 0;
  return { nextYear, nextYearDeclared: declared, warn: !declared && today.slice(5) >= WARN_FROM };
}

/**
 * Mails the admins, once per year, that next year's calendar is undeclared (from 1 November).
 * The worker calls it periodically; the notice's key keeps it to one mail.
 */
export async function warnUndeclaredYear(deps: EngineDeps): Promise<boolean> {
  const status = calendarStatus(deps.calendar, deps.clock());
  if (!status.warn) return false;
  const notice: Notice = {
    audience: [{ role: 'admin' }],
    subject: `【节假日未公布】${status.nextYear} 年节假日安排尚未导入`,
    text: `${status.nextYear} 年的法定节假日和调休安排尚未导入系统：跨入 ${status.nextYear} 年的时限暂按周一至周五计算，可能偏差。国务院办公厅通知发布后，请用 huiyin calendar import 或控制台导入，导入后在办事项的时限将自动重算。`,
    dedupeKey: `calendar-undeclared-${status.nextYear}`,
  };
  await deps.db.transaction().execute((trx) => enqueueNoticeBatch(trx, [{ issueId: null, notices: [notice] }]));
  return true;
}
