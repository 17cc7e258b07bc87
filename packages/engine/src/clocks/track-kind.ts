import type { ClockKind } from '@huiyin/domain';
import type { ClockTable } from '@huiyin/store';

/** Any kind a clock row may have: an issue's, or a key project's `milestone` and `report`. */
export type AnyClockKind = ClockTable['kind'];

/**
 * The domain kind whose steps a clock walks: a key project's milestone and report clocks walk
 * the full track (reminder, yellow, red, leader, supervision), as an issue's handling clock.
 */
export function trackKind(kind: AnyClockKind): ClockKind {
  return kind === 'milestone' || kind === 'report' ? 'handling' : kind;
}
