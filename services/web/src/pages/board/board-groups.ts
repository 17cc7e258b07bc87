import { ApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import type { IssueSummary, OpenGroup } from '../../api/types.ts';

export type GroupBy = 'leader' | 'unit';
export type BoardGroups = { groups: OpenGroup[]; source: 'open-list' | 'overdue' };

const RED = new Set(['red', 'leader', 'supervision']);

/** Counts per leader or unit from a bounded page of overdue issues (when the open-list report is missing). */
function groupOverdue(items: IssueSummary[], by: GroupBy): OpenGroup[] {
  const groups = new Map<string, OpenGroup>();
  for (const i of items) {
    const id = by === 'leader' ? i.leaderId : i.leadUnitId;
    const name = (by === 'leader' ? i.leaderName : i.leadUnitName) ?? '—';
    const g = groups.get(id ?? '') ?? { id, name, open: 0, overdue: 0, red: 0, yellow: 0 };
    g.open += 1;
    g.overdue += 1;
    if (RED.has(i.track)) g.red += 1;
    if (i.track === 'yellow') g.yellow += 1;
    groups.set(id ?? '', g);
  }
  return [...groups.values()].sort((a, b) => b.red - a.red || b.overdue - a.overdue);
}

/**
 * Each leader's or unit's open, overdue, red and yellow counts, counted by the server over every
 * open issue (the open-list report); if that route is not there, from the most overdue page.
 */
export async function loadBoardGroups(by: GroupBy, overdue: IssueSummary[]): Promise<BoardGroups> {
  try {
    const list = await api.openList({ groupBy: by, limit: 1, offset: 0 });
    return { groups: list.groups.map((g) => ({ ...g, open: Number(g.open), overdue: Number(g.overdue), red: Number(g.red), yellow: Number(g.yellow) })), source: 'open-list' };
  } catch (e) {
    // Missing (404) or failing (5xx): the board still shows what the overdue page tells.
    if (e instanceof ApiError && (e.status === 404 || e.status >= 500)) return { groups: groupOverdue(overdue, by), source: 'overdue' };
    throw e;
  }
}
