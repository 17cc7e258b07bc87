export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

/**
 * One Shanghai date and its kind. `name` is the holiday's Chinese name (for a make-up workday, the
 * holiday it makes up for). `declared`: the kind comes from `extraDays` (an operator declared it),
 * not from chinese-days or the weekday, so withdrawing it would change the day.
 */
export type CalendarDay = { date: string; kind: DayKind; name?: string; declared: boolean };

/** An operator-supplied day; it overrides what chinese-days says about that date. */
export type ExtraDay = { date: string; kind: 'holiday' | 'makeup_workday'; name?: string };
