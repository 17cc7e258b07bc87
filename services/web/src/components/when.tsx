import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The district's time zone: every time on a page is Shanghai time, wherever the browser is. */
const DISTRICT_TZ = 'Asia/Shanghai';

/** `2026-11-26 17:30` in Shanghai time; a dash for none. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(DISTRICT_TZ).format('YYYY-MM-DD HH:mm') : '—';
}

/** A time as text in Shanghai time. */
export function When({ at }: { at: string | null | undefined }) {
  return <span title={at ?? ''}>{formatTime(at)}</span>;
}

/**
 * A calendar day as `YYYY-MM-DD`: kept as it is when the API sends the bare day, else the day in
 * Shanghai of the instant it sends (a DATE column read into a Date comes out at some midnight).
 */
export function formatDay(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return dayjs(value).tz(DISTRICT_TZ).format('YYYY-MM-DD');
}
