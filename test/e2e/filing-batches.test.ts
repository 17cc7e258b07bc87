import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import type { Actor } from '@huiyin/domain';

type FilingActor = Exclude<Actor, { kind: 'system' }>;
import { createDb, prepared } from '@huiyin/store';
import { fileIssueBatch, type EngineDeps } from '@huiyin/engine';
import { verifyLedger } from '../../services/cli/src/ledger-command.ts';
import { unique } from '../support/district.ts';
import { openDistrict, type E2eDistrict } from './e2e-district.ts';
import { sharedDatabaseUrl } from '../support/run-scope.ts';

/**
 * Filings that arrive together are written together (group commit: createFilingDesk →
 * fileIssueBatch). Each must still come out exactly as if filed alone: its own number, ledger
 * entry, mails and inbox rows, and its own refusal.
 */
let t: E2eDistrict;
let deps: EngineDeps;
let entA: FilingActor;
let entB: FilingActor;
let dispatcher: FilingActor;

beforeAll(async () => {
  t = await openDistrict();
  deps = { db: t.api.db, calendar: createWorkingCalendar(), clock: () => new Date() };
  const account = async (login: string) => (await t.api.db.selectFrom('accounts').select('id').where('login', '=', login).executeTakeFirstOrThrow()).id;
  entA = { kind: 'enterprise', accountId: await account(t.d.entA.login), enterpriseId: t.d.entA.id };
  entB = { kind: 'enterprise', accountId: await account(t.d.entB.login), enterpriseId: t.d.entB.id };
  dispatcher = { kind: 'official', accountId: await account(t.d.people.dispatcher.login), officialId: t.d.people.dispatcher.id, roles: ['dispatcher'], unitId: null, leaderId: null };
});
afterAll(() => t.close());

const input = (title: string, more: object = {}) => ({ categoryId: t.d.categoryId, title, description: '二期厂房已建成，道路照明未接通。', attachmentIds: [], channel: 'portal' as const, ...more });
const rowsTitled = (prefix: string) => t.api.db.selectFrom('issues').select(['id', 'number', 'filed_at', 'title']).where('title', 'like', `${prefix}%`).orderBy('number').execute();

describe('filings batched into one transaction', () => {
  it('files 40 concurrent requests through the API, each with its own number, ledger entry, mails and inbox rows', async () => {
    const tag = `并发-${unique()}`;
    const results = await Promise.all(Array.from({ length: 40 }, (_, n) => t.fileRaw(n % 2 ? 'entA' : 'entB', { title: `${tag}-${n}` })));
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const rows = await rowsTitled(tag);
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.number)).size).toBe(40);
    // Fewer distinct filing instants than filings: some went together.
    expect(new Set(rows.map((r) => r.filed_at.getTime())).size).toBeLessThan(40);
    const ids = rows.map((r) => r.id);
    const events = await t.api.db.selectFrom('issue_events').select(['issue_id', 'seq', 'type', 'hash', 'prev_hash']).where('issue_id', 'in', ids).execute();
    expect(events).toHaveLength(40);
    for (const e of events) expect([e.seq, e.type, e.prev_hash, e.hash?.length]).toEqual([1, 'file', null, 64]);
    const mails = await t.api.db.selectFrom('outbox').select(['issue_id', 'payload']).where('issue_id', 'in', ids).execute();
    // 已受理 to the enterprise's contact and 待列单 to the dispatcher, each naming its own number.
    for (const r of rows) {
      const mine = mails
        .filter((m) => m.issue_id === r.id)
        .map((m) => (m.payload as { subject: string }).subject)
        .sort();
      expect(mine).toEqual([`【已受理】${r.number} ${r.title}`, `【待列单】${r.number} ${r.title}`]);
    }
    // In the inbox: the filing enterprise's account and this district's dispatcher, once each per issue.
    const mine = [dispatcher.accountId, entA.accountId, entB.accountId];
    const inbox = await t.api.db.selectFrom('notifications').select(['issue_id', 'account_id']).where('issue_id', 'in', ids).where('account_id', 'in', mine).execute();
    expect(inbox).toHaveLength(80);
    for (const r of rows) {
      const n = Number(r.title.split('-').at(-1));
      expect(
        inbox
          .filter((i) => i.issue_id === r.id)
          .map((i) => i.account_id)
          .sort(),
      ).toEqual([dispatcher.accountId, n % 2 ? entA.accountId : entB.accountId].sort());
    }
    expect(await verifyLedger(t.api.db)).toEqual([]);
  });

  it('gives each filing of a batch its own outcome: refusals, replays and repeats of one key', async () => {
    const tag = `混合-${unique()}`;
    const used = `used-${unique()}`;
    const reused = `reused-${unique()}`;
    const fresh = `fresh-${unique()}`;
    const first = await fileIssueBatch(deps, [
      { actor: entA, input: input(`${tag}-used`), idempotencyKey: used },
      { actor: entA, input: input(`${tag}-reused`), idempotencyKey: reused },
    ]);
    expect(first.map((r) => r.ok)).toEqual([true, true]);
    const earlier = first[0]?.ok ? first[0].value.issue : null;

    const results = await fileIssueBatch(deps, [
      { actor: entA, input: input(`${tag}-a`) },
      { actor: entA, input: input(`${tag}-b`, { categoryId: '00000000-0000-4000-8000-000000000000' }) },
      { actor: dispatcher, input: input(`${tag}-c`) },
      { actor: entA, input: input(`${tag}-used`), idempotencyKey: used },
      { actor: entA, input: input(`${tag}-other body`), idempotencyKey: reused },
      { actor: entA, input: input(`${tag}-d`), idempotencyKey: fresh },
      { actor: entA, input: input(`${tag}-d`), idempotencyKey: fresh },
      { actor: dispatcher, input: input(`${tag}-e`, { enterpriseId: t.d.entB.id }) },
    ]);
    const codes = results.map((r) => (r.ok ? (r.value.replayed ? 'replayed' : 'filed') : (r.error as { code?: string }).code));
    expect(codes).toEqual(['filed', 'reference.unknown', 'validation.required', 'replayed', 'idempotency.key_reused', 'filed', 'replayed', 'filed']);
    const value = (n: number) => (results[n]?.ok ? results[n].value : null);
    expect(value(3)?.issue.id).toBe(earlier?.id);
    expect(value(6)?.issue.id).toBe(value(5)?.issue.id);
    expect(value(7)?.issue.first_responder_id).toBe(t.d.people.dispatcher.id);
    expect((await rowsTitled(tag)).map((r) => r.title).sort()).toEqual([`${tag}-a`, `${tag}-d`, `${tag}-e`, `${tag}-reused`, `${tag}-used`]);
  });

  it('takes numbers for the filings it files only: none for a replay, a reused key or an unknown category', async () => {
    // A year no other test files in, so the sequence is this test's alone.
    const in2037 = { ...deps, clock: () => new Date('2037-03-02T02:00:00Z') };
    const tag = `编号-${unique()}`;
    const key = `key-${unique()}`;
    const [first] = await fileIssueBatch(in2037, [{ actor: entA, input: input(`${tag}-first`), idempotencyKey: key }]);
    const results = await fileIssueBatch(in2037, [
      { actor: entA, input: input(`${tag}-a`) },
      { actor: entA, input: input(`${tag}-first`), idempotencyKey: key },
      { actor: entA, input: input(`${tag}-other body`), idempotencyKey: key },
      { actor: entA, input: input(`${tag}-x`, { categoryId: '00000000-0000-4000-8000-000000000000' }) },
      { actor: entB, input: input(`${tag}-b`) },
    ]);
    const [after] = await fileIssueBatch(in2037, [{ actor: entB, input: input(`${tag}-after`) }]);
    const number = (r: (typeof results)[number] | undefined) => (r?.ok ? r.value.issue.number : (r?.error as { code?: string }).code);
    expect([first, ...results, after].map(number)).toEqual(['2037-000001', '2037-000002', '2037-000001', 'idempotency.key_reused', 'reference.unknown', '2037-000003', '2037-000004']);
  });

  it('files the others when the database refuses one row of the batch, and writes nothing of that one', async () => {
    const tag = `拒绝-${unique()}`;
    // PostgreSQL refuses a NUL in text (the API answers 400 before; the store is its own guard).
    const results = await fileIssueBatch(deps, [
      { actor: entA, input: input(`${tag}-1`) },
      { actor: entA, input: input(`${tag}-2`, { description: 'bad \u0000 byte' }) },
      { actor: entA, input: input(`${tag}-3`) },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect((await rowsTitled(tag)).map((r) => r.title).sort()).toEqual([`${tag}-1`, `${tag}-3`]);
  });
});

describe("the batch's read, prepared", () => {
  it('is parsed once per connection and, after the first calls, run from one generic plan', async () => {
    // One connection, so the session's prepared statements are the ones this test's filings made.
    const db = createDb(sharedDatabaseUrl(), { max: 1 });
    try {
      const mine = { ...deps, db };
      const tag = `预备-${unique()}`;
      for (let n = 0; n < 10; n++) {
        const [r] = await fileIssueBatch(mine, [{ actor: n % 2 ? entA : entB, input: input(`${tag}-${n}`) }]);
        expect(r?.ok).toBe(true);
      }
      const kept = await sql<{ statement: string; generic_plans: string; custom_plans: string }>`select statement, generic_plans, custom_plans from pg_prepared_statements`.execute(db);
      const reads = kept.rows.filter((r) => r.statement.startsWith('/*prepared*/ with t as'));
      expect(reads).toHaveLength(1);
      const [read] = reads;
      // PostgreSQL plans the first five anew, then settles on the generic plan (no list's length
      // colours the estimates, so it costs no more than a fresh one).
      expect(Number(read?.custom_plans)).toBeLessThanOrEqual(5);
      expect(Number(read?.generic_plans)).toBeGreaterThanOrEqual(5);
      expect(await rowsTitled(tag)).toHaveLength(10);
    } finally {
      await db.destroy();
    }
  });
});

describe('statements with parameters, prepared', () => {
  it('keeps texts run three times on a connection, up to 200, the marked ones past that, and none without parameters', async () => {
    const db = createDb(sharedDatabaseUrl(), { max: 1 });
    const keptOnes = async () => (await sql<{ statement: string; parameter_types: string }>`select statement, parameter_types::text from pg_prepared_statements`.execute(db)).rows;
    try {
      // Asking pg_prepared_statements has no parameter: it adds nothing to what it reports.
      for (let n = 0; n < 5; n++) await sql`select ${n}::int as twice`.execute(db);
      for (let n = 0; n < 2; n++) await sql`select ${n}::int as run_twice`.execute(db);
      expect((await keptOnes()).map((k) => k.statement)).toEqual(['select $1::int as twice']);
      for (let n = 0; n < 250; n++) {
        for (let run = 0; run < 3; run++) expect((await sql<{ n: number }>`select ${n}::int + ${sql.raw(String(n))} as n`.execute(db)).rows[0]?.n).toBe(2 * n);
        await sql`select ${sql.raw(String(n))} as unparameterised`.execute(db);
      }
      const kept = await keptOnes();
      expect(kept).toHaveLength(200);
      expect(kept.every((k) => k.parameter_types !== '{}')).toBe(true);
      // The first 200 texts, each kept once; the later ones ran unnamed, and ran right.
      expect(new Set(kept.map((k) => k.statement)).size).toBe(200);
      expect(kept.some((k) => k.statement.endsWith('+ 198 as n'))).toBe(true);
      expect(kept.some((k) => k.statement.includes('+ 199 '))).toBe(false);
      await prepared(sql`select ${1}::int as marked`).execute(db);
      expect(await keptOnes()).toHaveLength(201);
    } finally {
      await db.destroy();
    }
  });

  it('prepares a statement afresh once a migration changed its columns: at once outside a transaction, on the next one inside', async () => {
    const db = createDb(sharedDatabaseUrl(), { max: 1 });
    const table = sql.table(`prepared_${Date.now().toString(36)}`);
    try {
      await sql`create table ${table} (id int primary key)`.execute(db);
      await sql`insert into ${table} values (1)`.execute(db);
      const read = (on: typeof db) => sql<Record<string, unknown>>`select * from ${table} where id = ${1}`.execute(on);
      for (let run = 0; run < 3; run++) expect((await read(db)).rows).toEqual([{ id: 1 }]);
      await sql`alter table ${table} add column note text default '甲'`.execute(db);
      expect((await read(db)).rows).toEqual([{ id: 1, note: '甲' }]);
      await sql`alter table ${table} add column more text default '乙'`.execute(db);
      await expect(db.transaction().execute((trx) => read(trx))).rejects.toMatchObject({ code: '0A000' });
      expect((await db.transaction().execute((trx) => read(trx))).rows).toEqual([{ id: 1, note: '甲', more: '乙' }]);
    } finally {
      await sql`drop table if exists ${table}`.execute(db);
      await db.destroy();
    }
  });

  it('keeps a statement usable after a value pg could not encode', async () => {
    const db = createDb(sharedDatabaseUrl(), { max: 1 });
    const read = (value: unknown, on: typeof db = db) => sql<{ j: unknown }>`select ${value}::jsonb as j`.execute(on);
    try {
      for (let run = 0; run < 3; run++) expect((await read(JSON.stringify({ run }))).rows).toEqual([{ j: { run } }]);
      // pg closes the statement on the server when it cannot bind, yet takes it for parsed still.
      await expect(read({ big: 1n })).rejects.toThrow(/BigInt/);
      // Inside a transaction too, where a statement that is not there would fail it.
      expect((await db.transaction().execute((trx) => read(JSON.stringify({ after: true }), trx))).rows).toEqual([{ j: { after: true } }]);
    } finally {
      await db.destroy();
    }
  });
});
