import type { Actor } from '@huiyin/domain';
import type { Db } from '@huiyin/store';
import { bulletinFromFacts, type BulletinContent, type BulletinSection } from './build-bulletin.ts';
import { anyUuid, loadPeriodFacts } from './facts.ts';
import { DEFAULT_MIN_ISSUES } from './formulas.ts';
import { hotSpots, type HotSpots } from './hot-spots.ts';
import type { Period } from './period.ts';
import { scopeBulletin } from './scope-bulletin.ts';
import { seesLeader, seesUnit, viewerOf } from './viewer.ts';

/** Why an issue lags: the steps it missed in the month, its cards and escalations, or still overdue. */
export const LAG_REASONS = {
  lateClaim: '超时签收',
  unclaimed: '逾期未签收',
  lateAnswer: '超期办结',
  unanswered: '逾期未办结',
  red: '红牌',
  leader: '提级至分包领导',
  supervision: '提级督办',
  stillOverdue: '至今超期未办结',
} as const;
export type LagReason = keyof typeof LAG_REASONS;

export type LaggingIssue = {
  id: string;
  number: string;
  title: string;
  enterpriseName: string;
  state: string;
  leaderId: string | null;
  leaderName: string | null;
  unitId: string | null;
  unitName: string | null;
  reasons: LagReason[];
  open: boolean;
};
export type LagGroup = { id: string | null; name: string; issues: number; open: number; others: string[] };
export type MonthlyPack = {
  month: { id: string; label: string; start: string; end: string };
  asOf: string;
  totals: BulletinContent['totals'];
  units: BulletinContent['units'];
  leaders: BulletinContent['leaders'];
  lagging: LaggingIssue[];
  byLeader: LagGroup[];
  byUnit: LagGroup[];
  hotSpots: HotSpots;
  /** Further parts computed for the month, as a bulletin's (key projects: `sections.projects`). */
  sections: Record<string, unknown>;
};

const FINAL_STATES = new Set(['closed', 'withdrawn', 'duplicate']);

/**
 * 每月推进会: for a month, the lagging issues (a claim or answer missed in the month, a red card
 * or escalation in it, or open and overdue at its end) with their leaders and units, the month's
 * 三率, and the hot spots of the 90 days up to its end. Scoped as the bulletin is; lagging issues
 * are the viewer's own unless they see all.
 */
export async function monthlyPack(
  db: Db,
  actor: Actor,
  options: { month: Period; now: Date; minIssues?: number | undefined; sections?: Record<string, BulletinSection> | undefined },
): Promise<MonthlyPack> {
  const viewer = viewerOf(actor);
  const { month, now } = options;
  const facts = await loadPeriodFacts(db, month, now);
  const content = scopeBulletin(bulletinFromFacts(facts, month, options.minIssues ?? DEFAULT_MIN_ISSUES), viewer);
  const reasons = new Map<string, Set<LagReason>>();
  const add = (id: string, r: LagReason) => reasons.set(id, (reasons.get(id) ?? new Set()).add(r));
  for (const o of facts.claims) if (!o.onTime) add(o.issueId, o.doneAt ? 'lateClaim' : 'unclaimed');
  for (const o of facts.answers) if (!o.onTime) add(o.issueId, o.doneAt ? 'lateAnswer' : 'unanswered');
  for (const t of facts.track) add(t.issueId, t.step);
  // Carried over: open and overdue at the month's end (or now, for the month under way).
  const until = month.end < now ? month.end : now;
  const carried = await db
    .selectFrom('clocks')
    .select('issue_id')
    .distinct()
    .where('status', '=', 'running')
    .where('kind', 'in', ['claim', 'handling', 'assist'])
    .where('due_at', '<', until)
    .execute();
  for (const c of carried) add(c.issue_id, 'stillOverdue');
  const rows = reasons.size
    ? await db
        .selectFrom('issues as i')
        .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
        .leftJoin('leaders as l', 'l.id', 'i.leader_id')
        .leftJoin('units as u', 'u.id', 'i.lead_unit_id')
        .select(['i.id', 'i.number', 'i.title', 'e.name as enterpriseName', 'i.state', 'i.leader_id as leaderId', 'l.name as leaderName', 'i.lead_unit_id as unitId', 'u.short_name as unitName'])
        .where('i.id', '=', anyUuid([...reasons.keys()]))
        .orderBy('i.number')
        .execute()
    : [];
  const lagging = rows
    .filter((r) => seesUnit(viewer, r.unitId) || seesLeader(viewer, r.leaderId))
    .map((r): LaggingIssue => ({ ...r, reasons: [...(reasons.get(r.id) ?? [])], open: !FINAL_STATES.has(r.state) }));
  const ownRows = <T extends { id: string }>(xs: T[], sees: (id: string) => boolean) => xs.filter((x) => sees(x.id));
  return {
    month: { id: month.id, label: month.label, start: month.start.toISOString(), end: month.end.toISOString() },
    asOf: now.toISOString(),
    totals: content.totals,
    units: ownRows(content.units, (id) => seesUnit(viewer, id)).filter((r) => r.issues > 0 || Object.values(r.counts).some((n) => n > 0)),
    leaders: ownRows(content.leaders, (id) => seesLeader(viewer, id)).filter((r) => r.issues > 0 || Object.values(r.counts).some((n) => n > 0)),
    lagging,
    byLeader: groupLagging(lagging, 'leader'),
    byUnit: groupLagging(lagging, 'unit'),
    hotSpots: await hotSpots(db, actor, { days: 90, to: until, minCount: 2, limit: 10, problemLimit: 30 }),
    sections: await monthSections(db, month, now, options.sections),
  };
}

/** Each further section for the month, as of its end (or now, for the month under way). */
async function monthSections(db: Db, month: Period, now: Date, sections: Record<string, BulletinSection> | undefined): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const asOf = month.end < now ? month.end : now;
  for (const [key, section] of Object.entries(sections ?? {})) out[key] = await section({ db, period: month, asOf });
  return out;
}

function groupLagging(items: LaggingIssue[], by: 'leader' | 'unit'): LagGroup[] {
  const groups = new Map<string, LagGroup & { set: Set<string> }>();
  for (const i of items) {
    const id = by === 'leader' ? i.leaderId : i.unitId;
    const name = (by === 'leader' ? i.leaderName : i.unitName) ?? (by === 'leader' ? '（未指定领导）' : '（未分派单位）');
    const other = by === 'leader' ? i.unitName : i.leaderName;
    const g = groups.get(id ?? '') ?? { id, name, issues: 0, open: 0, others: [], set: new Set<string>() };
    g.issues += 1;
    if (i.open) g.open += 1;
    if (other) g.set.add(other);
    groups.set(id ?? '', g);
  }
  return [...groups.values()].map(({ set, ...g }) => ({ ...g, others: [...set].sort((a, b) => a.localeCompare(b, 'zh')) })).sort((a, b) => b.issues - a.issues || a.name.localeCompare(b.name, 'zh'));
}
