import { once } from 'node:events';
import { sql } from 'kysely';
import { allCheckpoints } from '@huiyin/engine';
import type { Db } from '@huiyin/store';

/** Events read per round trip. */
const PAGE = 5000;

type EventLine = Record<string, unknown> & { id: string };

/**
 * One ledger's events in id order (the order they were appended), as export lines: every column
 * the hash covers, `at` as the text the hash took (UTC, microseconds), and the stored links.
 */
async function* eventLines(db: Db, ledger: 'issue' | 'project', pageSize: number): AsyncGenerator<EventLine> {
  let after = '0';
  for (;;) {
    const { rows } =
      ledger === 'issue'
        ? await sql<EventLine>`
            select 'issue_event' as kind, id::text as id, issue_id as chain, seq, type, actor, actor_account_id as "actorAccountId", payload,
                   state_after as "stateAfter", visible_to_enterprise as "visibleToEnterprise",
                   to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, prev_hash as "prevHash", hash
            from issue_events where issue_events.id > ${after}::bigint order by issue_events.id limit ${pageSize}`.execute(db)
        : await sql<EventLine>`
            select 'project_event' as kind, id::text as id, project_id as chain, milestone_id as "milestoneId", seq, type, actor, actor_account_id as "actorAccountId", payload,
                   state_after as "stateAfter", to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, prev_hash as "prevHash", hash
            from project_events where project_events.id > ${after}::bigint order by project_events.id limit ${pageSize}`.execute(db);
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = last.id;
  }
}

/**
 * `huiyin ledger export`: the checkpoints first (read before the events, so every event they
 * cover is in the export), then every issue and project event, one JSON object a line
 * (packages/ledger-verify/README.md). Returns the counts written.
 */
export async function exportLedger(db: Db, out: NodeJS.WritableStream, exportedAt: Date, pageSize = PAGE): Promise<{ events: number; checkpoints: number }> {
  const write = async (line: unknown) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  await write({ kind: 'export', format: 'huiyin-ledger-export/1', exportedAt: exportedAt.toISOString() });
  let checkpoints = 0;
  for await (const c of allCheckpoints(db)) {
    await write({ kind: 'checkpoint', ...c, madeAt: c.madeAt.toISOString() });
    checkpoints += 1;
  }
  let events = 0;
  for (const ledger of ['issue', 'project'] as const) {
    for await (const e of eventLines(db, ledger, pageSize)) {
      await write(e);
      events += 1;
    }
  }
  return { events, checkpoints };
}
