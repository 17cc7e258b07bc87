import { DEFAULT_TRACK_POLICY, type TrackPolicy } from '@huiyin/domain';
import type { Tx } from '@huiyin/store';

/** The tracks a key project's clocks walk: its milestones', and its progress reports'. */
export type ProjectTrackPolicy = { milestone: TrackPolicy; report: TrackPolicy };

/** The tracks of a project type (`project_types.track_policy`, `.report_track_policy`), over the standard one. */
export async function projectTrackPolicyOf(trx: Tx, typeCode: string): Promise<ProjectTrackPolicy> {
  const row = await trx.selectFrom('project_types').select(['track_policy', 'report_track_policy']).where('code', '=', typeCode).executeTakeFirst();
  return projectTrackPolicyFrom(row);
}

/** The same from a type row already read (a batch of steps reads them with its projects). */
export function projectTrackPolicyFrom(row: { track_policy: Partial<TrackPolicy> | null; report_track_policy: Partial<TrackPolicy> | null } | undefined): ProjectTrackPolicy {
  return { milestone: { ...DEFAULT_TRACK_POLICY, ...(row?.track_policy ?? {}) }, report: { ...DEFAULT_TRACK_POLICY, ...(row?.report_track_policy ?? {}) } };
}
