import type { WorkingCalendar } from '@huiyin/calendar';
import type { TrackPolicy } from '@huiyin/domain';
import { stateOf, type IssueSnapshot } from './decide.ts';
import type { IssueEvent } from './types.ts';

/** A step whose timeliness is recorded once (docs/domain.md#timeliness). */
export type TimelinessFact = { what: 'listing' | 'claim' | 'first_contact' | 'answer' | 'assist'; unitId: string | null; dueAt: Date; doneAt: Date; onTime: boolean; round: number };

/** Whether judging `event` needs the issue's track (first contact is timed from the claim by the track's limit). */
export function needsTrackForTimeliness(event: IssueEvent): boolean {
  return event.type === 'recordFirstContact';
}

/**
 * The timeliness facts a transition records: a dispatch (the listing), a claim, a first contact, a final answer (resolved
 * on review or sign-off) and an assisting unit's answer, each against its due time then in force.
 * `round` is the reopening it belongs to. `track` is needed only when `needsTrackForTimeliness`.
 */
export function timelinessFacts(prev: IssueSnapshot, next: IssueSnapshot, event: IssueEvent, now: Date, calendar: WorkingCalendar, track: TrackPolicy | null): TimelinessFact[] {
  const c = prev.context;
  const facts: Omit<TimelinessFact, 'onTime' | 'round'>[] = [];
  // The service centre's step: the dispatching official's unit answers for it.
  if (event.type === 'dispatch' && c.listingDueAt) facts.push({ what: 'listing', unitId: event.actor.kind === 'official' ? event.actor.unitId : null, dueAt: new Date(c.listingDueAt), doneAt: now });
  if (event.type === 'claim' && c.claimDueAt) facts.push({ what: 'claim', unitId: c.leadUnitId, dueAt: new Date(c.claimDueAt), doneAt: now });
  if (event.type === 'recordFirstContact' && c.claimedAt && track) {
    facts.push({ what: 'first_contact', unitId: c.leadUnitId, dueAt: calendar.addLimit(new Date(c.claimedAt), track.firstContactLimit), doneAt: now });
  }
  if ((event.type === 'reviewAnswer' || event.type === 'signOff') && stateOf(next) === 'resolved' && c.handlingDueAt) {
    facts.push({ what: 'answer', unitId: c.leadUnitId, dueAt: new Date(c.handlingDueAt), doneAt: now });
  }
  if (event.type === 'answerAssist') {
    const unitId = event.actor.kind === 'official' ? event.actor.unitId : null;
    const task = c.assists.find((t) => t.unitId === unitId);
    if (task) facts.push({ what: 'assist', unitId: task.unitId, dueAt: new Date(task.dueAt), doneAt: now });
  }
  return facts.map((f) => ({ ...f, onTime: f.doneAt <= f.dueAt, round: c.reopenCount }));
}
