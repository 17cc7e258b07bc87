import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from '@huiyin/store';
import { failures, type Drill } from './support/drill.ts';
import { openRig } from './support/rig.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `huiyin ledger verify` as a real process on `databaseUrl`: its exit code and output. */
function ledgerVerify(databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'services/cli/src/main.ts', 'ledger', 'verify'],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Rewrites history the way only a superuser can: with the append-only trigger lifted for one
 * transaction. The drill's own database; nothing else sees the table locked.
 */
async function tamper(db: Db, statement: ReturnType<typeof sql>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`alter table issue_events disable trigger issue_events_no_update`.execute(trx);
    await statement.execute(trx);
    await sql`alter table issue_events enable trigger issue_events_no_update`.execute(trx);
  });
}

/** A refusal the database gave, or null if it let the statement through (then rolled back). */
async function refusal(db: Db, statement: ReturnType<typeof sql>): Promise<string | null> {
  try {
    await db.transaction().execute(async (trx) => {
      await statement.execute(trx);
      throw new Error('allowed');
    });
  } catch (err) {
    const message = (err as Error).message;
    return message === 'allowed' ? null : message;
  }
  return null;
}

/**
 * Drill 8: the ledger is append-only and chained. Issues are filed and worked through the API
 * process; every chain verifies; UPDATE and DELETE are refused; then rows are edited as a
 * superuser could, and `huiyin ledger verify` must name each edited event (and exit 1).
 */
export const ledgerChainDrill: Drill = {
  name: 'ledger',
  promise: 'each event carries the hash of the previous one for its issue; UPDATE/DELETE refused; verify names an edited row',
  async run(scale) {
    const f = failures();
    const rig = await openRig({ name: 'ledger' });
    try {
      const count = scale === 'full' ? 200 : 6;
      const issues = [];
      for (let i = 0; i < count; i += 6) {
        issues.push(
          ...(await Promise.all(
            Array.from({ length: Math.min(6, count - i) }, async () => {
              const issue = await rig.dispatched();
              await rig.must('handlerA', 'POST', `/api/v1/issues/${issue.id}/claim`, {}, 200);
              await rig.must('handlerA', 'POST', `/api/v1/issues/${issue.id}/first-contact`, { channel: 'phone', note: '已联系' }, 200);
              return issue;
            }),
          )),
        );
      }
      // Every event of an issue carries its predecessor's hash; the first carries none.
      const links = await sql<{ seq: number; prev_hash: string | null; before: string | null; hash: string }>`
        select seq, prev_hash, lag(hash) over (partition by issue_id order by seq) as before, hash from issue_events`.execute(rig.db);
      f.check(links.rows.length >= count * 5, `expected at least ${count * 5} events, found ${links.rows.length}`);
      const unlinked = links.rows.filter((r) => r.prev_hash !== r.before || !/^[0-9a-f]{64}$/.test(r.hash));
      f.check(unlinked.length === 0, () => `${unlinked.length} events not linked to their predecessor: ${JSON.stringify(unlinked.slice(0, 3))}`);

      const clean = await ledgerVerify(rig.databaseUrl);
      f.check(clean.code === 0 && /every chain holds/.test(clean.stdout), `verify on an untouched ledger: exit ${clean.code} ${clean.stdout}${clean.stderr}`);

      const [a, b, c] = issues;
      if (!a || !b || !c) throw new Error('the drill needs three issues');
      const updateRefused = await refusal(rig.db, sql`update issue_events set payload = '{}' where issue_id = ${a.id}`);
      f.check(updateRefused?.includes('append-only') ?? false, `UPDATE of an event: ${updateRefused ?? 'allowed'}`);
      const deleteRefused = await refusal(rig.db, sql`delete from issue_events where issue_id = ${a.id}`);
      f.check(deleteRefused?.includes('append-only') ?? false, `DELETE of an event: ${deleteRefused ?? 'allowed'}`);

      // An edit of the content: the edited event is named.
      const edited = await rig.db.selectFrom('issue_events').select('id').where('issue_id', '=', a.id).where('seq', '=', 2).executeTakeFirstOrThrow();
      await tamper(rig.db, sql`update issue_events set payload = payload || '{"note":"改写"}' where id = ${edited.id}`);
      // An edit that also forges the event's own hash: the next event no longer links to it.
      const forged = await rig.db.selectFrom('issue_events').select('id').where('issue_id', '=', b.id).where('seq', '=', 3).executeTakeFirstOrThrow();
      const next = await rig.db.selectFrom('issue_events').select('id').where('issue_id', '=', b.id).where('seq', '=', 4).executeTakeFirstOrThrow();
      await tamper(rig.db, sql`update issue_events set state_after = 'closed' where id = ${forged.id}`);
      await tamper(rig.db, sql`update issue_events e set hash = issue_event_hash(e.prev_hash, e) where id = ${forged.id}`);
      // The last event removed: the issue's version is past its ledger.
      await tamper(rig.db, sql`delete from issue_events where issue_id = ${c.id} and seq = (select max(seq) from issue_events where issue_id = ${c.id})`);

      const broken = await ledgerVerify(rig.databaseUrl);
      f.check(broken.code === 1, `verify after edits exits ${broken.code}, not 1`);
      f.check(new RegExp(`event ${edited.id} \\(seq 2\\): content_edited`).test(broken.stderr), `verify does not name the edited event ${edited.id}:\n${broken.stderr}`);
      f.check(new RegExp(`event ${next.id} \\(seq 4\\): chain_broken`).test(broken.stderr), `verify does not name the event after the forged one (${next.id}):\n${broken.stderr}`);
      f.check(broken.stderr.includes(`(${c.id}) events missing at the end`), `verify does not see the removed last event of ${c.id}:\n${broken.stderr}`);
      f.check(/ledger verify: 3 broken/.test(broken.stderr), `verify names other events than the three edits:\n${broken.stderr}`);
      return {
        summary: `${count} issues, ${links.rows.length} events chained; clean verify exit ${clean.code}; UPDATE/DELETE refused; after 3 superuser edits verify exit ${broken.code} naming: ${broken.stderr.split('\n').filter((l) => l.startsWith('BROKEN')).length} events`,
        failures: f.list,
      };
    } finally {
      await rig.close();
    }
  },
};
