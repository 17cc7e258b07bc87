import type { ClockKind } from '@huiyin/domain';
import type { IssueContext } from './types.ts';

/**
 * The clocks a state declares (docs/domain.md#clocks): claim, handling, supplement, rating. An
 * assist clock runs per assisting unit, from the context, whatever the state.
 */
export type ClockDeclaration = Partial<Record<Exclude<ClockKind, 'assist'>, 'running' | 'paused'>>;

type SnapshotLike = {
  context: IssueContext;
  status: string;
  getMeta(): Record<string, { clocks?: ClockDeclaration } | undefined>;
};

/**
 * The clocks the issue runs now: each state declares its own in `meta.clocks`; the supplement
 * clock runs beside any open stage while 容缺 documents are still pending.
 */
export function runningClocks(snapshot: SnapshotLike): ClockDeclaration {
  const clocks: ClockDeclaration = {};
  for (const meta of Object.values(snapshot.getMeta())) Object.assign(clocks, meta?.clocks ?? {});
  if (snapshot.status === 'active' && snapshot.context.pendingDocuments > 0) clocks.supplement = 'running';
  return clocks;
}
