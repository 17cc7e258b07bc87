import { sql } from 'kysely';
import type { Db } from '@huiyin/store';

/** One broken link of a key project's chain (the breaks as `verifyLedger` names them for issues). */
export interface BrokenProjectEvent {
  eventId: string | null;
  projectId: string;
  projectName: string;
  seq: number;
  breaks: Array<'content_edited' | 'chain_broken' | 'seq_gap' | 'tail_missing'>;
}

/**
 * Recomputes every project's chain with the trigger's function (`project_event_hash`, migration
 * T21), as `verifyLedger` does each issue's.
 */
export async function verifyProjectLedger(db: Db): Promise<BrokenProjectEvent[]> {
  const { rows } = await sql<{ event_id: string | null; project_id: string; name: string; seq: number; content_edited: boolean; chain_broken: boolean; seq_gap: boolean; tail_missing: boolean }>`
    with chained as (
      select e.id, e.project_id, e.seq, e.prev_hash, e.hash,
             project_event_hash(e.prev_hash, e) as recomputed,
             lag(e.hash) over w as expected_prev,
             coalesce(lag(e.seq) over w, 0) + 1 as expected_seq
      from project_events e
      window w as (partition by e.project_id order by e.seq)
    ),
    broken as (
      select c.id::text as event_id, c.project_id, c.seq,
             c.hash is distinct from c.recomputed as content_edited,
             c.prev_hash is distinct from c.expected_prev as chain_broken,
             c.seq <> c.expected_seq as seq_gap,
             false as tail_missing
      from chained c
      where c.hash is distinct from c.recomputed or c.prev_hash is distinct from c.expected_prev or c.seq <> c.expected_seq
      union all
      select null, p.id, p.version, false, false, false, true
      from projects p
      where p.version > coalesce((select max(seq) from project_events e where e.project_id = p.id), 0)
    )
    select b.*, p.name from broken b join projects p on p.id = b.project_id
    order by p.name, b.project_id, b.seq`.execute(db);
  return rows.map((r) => ({
    eventId: r.event_id,
    projectId: r.project_id,
    projectName: r.name,
    seq: r.seq,
    breaks: (['content_edited', 'chain_broken', 'seq_gap', 'tail_missing'] as const).filter((k) => r[k]),
  }));
}
