import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '@huiyin/calendar';
import { exportLedger } from '@huiyin/cli/ledger-export';
import { jsonbText, readExport, readPublicKey, verifyExport } from '@huiyin/ledger-verify';
import { bulletinPeriodOf } from '@huiyin/reports';
import { ownDatabase } from '../support/own-database.ts';
import { openDistrict, type E2eDistrict } from './e2e-district.ts';

/**
 * Signed ledger checkpoints and the independent verifier (docs/api.md#ledger-checkpoints): the
 * file's own database, since the attack below rewrites history as an operator could.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEED = randomBytes(32).toString('base64');
let own: Awaited<ReturnType<typeof ownDatabase>>;
let t: E2eDistrict;
let dir: string;
/** The key project the tests chain, edited last. */
let projectId = '';

beforeAll(async () => {
  own = await ownDatabase('ledger_checkpoints');
  t = await openDistrict({ DATABASE_URL: own.url, LEDGER_SIGNING_KEY: SEED });
  dir = await mkdtemp(path.join(tmpdir(), 'huiyin-ledger-'));
}, 60_000);
afterAll(async () => {
  await t.close();
  await own.drop();
  await rm(dir, { recursive: true, force: true });
});

type Run = { code: number; stdout: string; stderr: string };

/** A command as a real process, as an auditor would run it. */
function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: own.url, LEDGER_SIGNING_KEY: SEED, LOG_LEVEL: 'silent' } }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

const huiyin = (...args: string[]) => run(['services/cli/src/main.ts', ...args]);
const verifier = (...args: string[]) => run(['packages/ledger-verify/src/cli.ts', ...args]);

async function exportTo(name: string): Promise<string> {
  const file = path.join(dir, name);
  const res = await huiyin('ledger', 'export', '--out', file);
  expect(res.code, res.stderr).toBe(0);
  return file;
}

async function publicKeyFile(): Promise<string> {
  const res = await t.get('dispatcher', '/api/v1/ledger/public-key');
  expect(res.statusCode, res.body).toBe(200);
  const file = path.join(dir, 'key.pem');
  await writeFile(file, (res.json() as { pem: string }).pem);
  return file;
}

/** A bulletin made now by supervision; its snapshot holds the checkpoint made with it. */
async function bulletinCheckpoint(mail = false): Promise<Record<string, unknown>> {
  const made = await t.api.call(t.as('supervisor'), 'POST', '/api/v1/bulletins', { period: bulletinPeriodOf(new Date()).id, mail, revision: true });
  expect(made.statusCode, made.body).toBe(201);
  const bulletin = await t.get('supervisor', `/api/v1/bulletins/${(made.json() as { id: string }).id}`);
  const checkpoint = (bulletin.json() as { content: { sections: { ledgerCheckpoint?: Record<string, unknown> } } }).content.sections.ledgerCheckpoint;
  expect(checkpoint, bulletin.body).toBeDefined();
  return checkpoint ?? {};
}

async function worked(): Promise<string> {
  const issue = await t.inProgress();
  await t.ok('handlerA', issue.id, 'interim-reply', { body: '已安排供电所现场查看，"线路"\n明日答复' });
  return issue.id;
}

describe('the hash chains through the API', () => {
  it('shows each event’s hash on the timeline and the chain head on the issue', async () => {
    const id = await worked();
    const timeline = (await t.get('entA', `/api/v1/issues/${id}/timeline`)).json() as Array<{ seq: number; hash: string }>;
    const stored = await t.api.db.selectFrom('issue_events').select(['seq', 'hash']).where('issue_id', '=', id).orderBy('seq').execute();
    // The enterprise sees its events' hashes as stored (and not every event).
    expect(timeline.length).toBeGreaterThan(0);
    for (const e of timeline) expect(e.hash).toBe(stored.find((s) => s.seq === e.seq)?.hash);
    const detail = (await t.get('entA', `/api/v1/issues/${id}`)).json() as { chainHead: { seq: number; hash: string } | null };
    expect(detail.chainHead).toEqual(stored.at(-1));
  });

  it('chains project events too', async () => {
    const project = await t.api.call(t.as('dispatcher'), 'POST', '/api/v1/projects', {
      name: `霁川区测试产业园-${randomBytes(3).toString('hex')}`,
      type: 'industrial',
      enterpriseId: t.d.entA.id,
      totalInvestment: 120_000,
      planYear: 2026,
      plannedInvestmentYear: 30_000,
      leaderId: t.d.leaderB,
      unitId: t.d.unitB,
      teamOfficialIds: [t.d.people.handlerC.id],
      startDate: shanghaiDate(new Date(Date.now() - 60 * 86_400_000)),
      plannedCompletion: shanghaiDate(new Date(Date.now() + 400 * 86_400_000)),
    });
    expect(project.statusCode, project.body).toBe(201);
    projectId = (project.json() as { id: string }).id;
    const { rows } = await sql<{ seq: number; prev_hash: string | null; before: string | null; hash: string }>`
      select seq, prev_hash, lag(hash) over (order by seq) as before, hash from project_events where project_id = ${(project.json() as { id: string }).id}`.execute(t.api.db);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.prev_hash).toBe(r.before);
    }
  });

  it('publishes signed checkpoints in bulletins, their mail and the API, with the key, to any signed-in account and to no one else', async () => {
    const checkpoint = await bulletinCheckpoint(true);
    const inbox = await t.api.db
      .selectFrom('notifications')
      .select('body')
      .where('body', 'like', `%${String(checkpoint['head'])}%`)
      .execute();
    expect(inbox.length).toBeGreaterThan(0);
    const page = await t.get('entA', '/api/v1/ledger/checkpoints?limit=1');
    expect(page.statusCode, page.body).toBe(200);
    expect((page.json() as { items: unknown[] }).items).toEqual([checkpoint]);
    const key = (await t.get('entB', '/api/v1/ledger/public-key')).json() as { keyId: string };
    expect(checkpoint['keyId']).toBe(key.keyId);
    expect((await t.get(null, '/api/v1/ledger/checkpoints')).statusCode).toBe(401);
    expect((await t.get('entA', '/api/v1/ledger/checkpoints?cursor=abc')).statusCode).toBe(400);
  });
});

describe('the independent verifier', () => {
  it('writes text as PostgreSQL’s jsonb does, which every hash is taken over', async () => {
    const value = { zz: 1e21, a: [1e-7, -0.5, 12.25, null, true], 长: '引号"反斜杠\\换行\n制表\t\u0001', b: { é: {}, e: [] }, bb: 'x' };
    const { rows } = await sql<{ text: string }>`select ${JSON.stringify(value)}::jsonb::text as text`.execute(t.api.db);
    expect(jsonbText(value)).toBe(rows[0]?.text);
  });

  it('verifies an untouched export: every hash recomputed, every checkpoint signed and matching', async () => {
    await worked();
    await bulletinCheckpoint();
    const made = await huiyin('ledger', 'checkpoint');
    expect(made.code, made.stderr).toBe(0);
    const result = await verifier(await exportTo('clean.jsonl'), '--public-key', await publicKeyFile());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/every hash and checkpoint holds; \d+ events in \d+ chains, [2-9]\d* checkpoints/);
  }, 60_000);

  it('exports every event whatever the page size: each page follows the last by id', async () => {
    const file = path.join(dir, 'small-pages.jsonl');
    const out = createWriteStream(file);
    const counted = await exportLedger(t.api.db, out, new Date(), 3);
    out.end();
    await finished(out);
    const stored = await sql<{ n: number }>`select (select count(*) from issue_events) + (select count(*) from project_events) as n`.execute(t.api.db);
    expect(counted.events).toBe(Number(stored.rows[0]?.n));
    const { events, checkpoints } = await readExport(file);
    expect(events).toHaveLength(counted.events);
    const key = readPublicKey((await t.get('entA', '/api/v1/ledger/public-key')).json<{ raw: string }>().raw);
    expect(verifyExport({ events, checkpoints, publicKey: key }).problems).toEqual([]);
  });

  it('fails a rewritten history against a checkpoint published before it, where `huiyin ledger verify` passes', async () => {
    const id = await worked();
    // Published before the rewrite: frozen in a bulletin's snapshot (and mailed, and copied by anyone).
    const published = path.join(dir, 'published.jsonl');
    await writeFile(published, `${JSON.stringify({ kind: 'checkpoint', ...(await bulletinCheckpoint()) })}\n`);

    // The operator's rewrite: one event's payload changed, then every later hash of its chain
    // recomputed with the database's own function, so that each link holds again.
    const events = await t.api.db.selectFrom('issue_events').select(['id', 'seq']).where('issue_id', '=', id).orderBy('seq').execute();
    expect(events.length).toBeGreaterThanOrEqual(4);
    await t.api.db.transaction().execute(async (trx) => {
      await sql`alter table issue_events disable trigger issue_events_no_update`.execute(trx);
      await sql`update issue_events set payload = payload || '{"note":"改写的历史"}' where issue_id = ${id} and seq = 2`.execute(trx);
      for (const e of events.slice(1)) {
        await sql`update issue_events e set prev_hash = (select p.hash from issue_events p where p.issue_id = e.issue_id and p.seq = e.seq - 1) where e.id = ${e.id}`.execute(trx);
        await sql`update issue_events e set hash = issue_event_hash(e.prev_hash, e) where e.id = ${e.id}`.execute(trx);
      }
      await sql`alter table issue_events enable trigger issue_events_no_update`.execute(trx);
    });

    // The database's own check sees nothing wrong.
    const inDatabase = await huiyin('ledger', 'verify');
    expect(inDatabase.code, inDatabase.stderr).toBe(0);

    // The export's own links hold too (the operator may also have dropped the stored checkpoints),
    const exported = await exportTo('rewritten.jsonl');
    const withoutCheckpoints = path.join(dir, 'rewritten-events.jsonl');
    const lines = (await readFile(exported, 'utf8')).split('\n').filter((l) => l && !l.includes('"kind":"checkpoint"'));
    await writeFile(withoutCheckpoints, `${lines.join('\n')}\n`);
    const key = await publicKeyFile();
    const alone = await verifier(withoutCheckpoints, '--public-key', key);
    expect(alone.code, alone.stderr).toBe(0);

    // but not against the checkpoint published before the rewrite.
    const against = await verifier(withoutCheckpoints, '--public-key', key, '--checkpoints', published);
    expect(against.code, against.stdout).toBe(1);
    expect(against.stderr).toMatch(/checkpoint \d+ of .* \(published\): the events it covers give head [0-9a-f]{64}, it signed [0-9a-f]{64}/);
    expect(against.stderr).toMatch(/ledger-verify: 1 problem;/);
  }, 90_000);

  it('names an edited project event, in `huiyin ledger verify` and in the verifier', async () => {
    const edited = await t.api.db.selectFrom('project_events').select('id').where('project_id', '=', projectId).where('seq', '=', 1).executeTakeFirstOrThrow();
    await t.api.db.transaction().execute(async (trx) => {
      await sql`alter table project_events disable trigger project_events_no_update`.execute(trx);
      await sql`update project_events set payload = payload || '{"totalInvestment":1}' where id = ${edited.id}`.execute(trx);
      await sql`alter table project_events enable trigger project_events_no_update`.execute(trx);
    });
    const inDatabase = await huiyin('ledger', 'verify');
    expect(inDatabase.code).toBe(1);
    expect(inDatabase.stderr).toContain(`(${projectId}) event ${edited.id} (seq 1): content_edited`);
    const result = await verifier(await exportTo('project-edited.jsonl'), '--public-key', await publicKeyFile());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`BROKEN project ${projectId} seq 1 (event ${edited.id}): its content does not give its hash (the event was edited)`);
  }, 90_000);
});
