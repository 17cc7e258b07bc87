import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The district's time zone: every time on a page is Shanghai time, wherever the browser is. */
export const DISTRICT_TZ = 'Asia/Shanghai';

/** `2026-11-26 17:30` in Shanghai time; a dash for none. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(DISTRICT_TZ).format('YYYY-MM-DD HH:mm') : '—';
}

/** A time as text in Shanghai time. */
export function When({ at }: { at: string | null | undefined }) {
  return <span title={at ?? ''}>{formatTime(at)}</span>;
}
