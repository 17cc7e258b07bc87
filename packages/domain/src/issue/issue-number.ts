import { shanghaiDate } from '@huiyin/calendar';

/** The human-readable issue number: year and a six-digit sequence, e.g. `2026-000123`. */
export function formatIssueNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(6, '0')}`;
}

/** The year of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiYear(instant: Date): number {
  return Number(shanghaiDate(instant).slice(0, 4));
}
