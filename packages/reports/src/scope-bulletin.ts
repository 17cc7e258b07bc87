import type { BulletinContent } from './build-bulletin.ts';
import type { ScoreRow } from './score-rows.ts';
import { seesLeader, seesUnit, type Viewer } from './viewer.ts';

/**
 * A bulletin as one viewer may read it. The figures and ranks of every unit and leader are the
 * circulated bulletin (通报) and stay; which issues cost points (causes, appeals' exclusions),
 * the red-card lines, the late 督办单 and the appeals are shown only for the viewer's own unit or leader.
 */
export function scopeBulletin(content: BulletinContent, viewer: Viewer): BulletinContent {
  if (viewer.all) return content;
  const strip = (r: ScoreRow, own: boolean): ScoreRow => (own ? r : { ...r, causes: [], excluded: [] });
  return {
    ...content,
    units: content.units.map((r) => strip(r, seesUnit(viewer, r.id))),
    leaders: content.leaders.map((r) => strip(r, seesLeader(viewer, r.id))),
    redCards: content.redCards.filter((c) => seesUnit(viewer, c.unitId) || seesLeader(viewer, c.leaderId)),
    appeals: content.appeals.filter((a) => seesUnit(viewer, a.unitId)),
    lateOrders: (content.lateOrders ?? []).filter((o) => seesUnit(viewer, o.unitId) || seesLeader(viewer, o.leaderId)),
  };
}
