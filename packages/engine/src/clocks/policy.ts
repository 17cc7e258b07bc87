import { DEFAULT_HANDLING_LIMIT, projectTrackPolicyOf, trackPolicyOf, type ProjectTrackPolicy, type TrackPolicy } from '@huiyin/domain';
import type { TimeLimit } from '@huiyin/calendar';
import type { Kysely } from 'kysely';
import type { Database, Tx } from '@huiyin/store';

export type ClockPolicy = { track: TrackPolicy; handlingLimit: TimeLimit };

/** An issue's track and handling limit, read from its category (rules: `trackPolicyOf`). */
export async function clockPolicyOf(trx: Kysely<Database>, categoryId: string, issueGreenChannel = false): Promise<ClockPolicy> {
  const row = await trx.selectFrom('categories').select(['track_policy', 'handling_limit', 'green_channel']).where('id', '=', categoryId).executeTakeFirst();
  return { track: trackPolicyOf(row, issueGreenChannel), handlingLimit: row?.handling_limit ?? DEFAULT_HANDLING_LIMIT };
}

/** A key project's tracks, read from its type (rules: `projectTrackPolicyOf`). */
export async function projectTracksOf(trx: Tx, typeCode: string): Promise<ProjectTrackPolicy> {
  const row = await trx.selectFrom('project_types').select(['track_policy', 'report_track_policy']).where('code', '=', typeCode).executeTakeFirst();
  return projectTrackPolicyOf(row);
}
