import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionCache } from '../../services/api/src/auth/session-cache.ts';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { ownDatabase } from '../support/own-database.ts';
import { until } from '../support/until.ts';

// Two API processes' worth of apps on a database of this file's own (the test cuts listening
// connections by name, which must not touch other files' apps).
let own: Awaited<ReturnType<typeof ownDatabase>>;
let a: TestApi;
let b: TestApi;
let d: SmallDistrict;

beforeAll(async () => {
  own = await ownDatabase('sessioncache');
  a = await startApi({ DATABASE_URL: own.url });
  b = await startApi({ DATABASE_URL: own.url });
  d = await createDistrict(a.db);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await own?.drop();
});

// Ceiling for waiting on a notice or a reconnect: `until` returns as soon as it has come; a loaded
// machine (load 10+ on two cores) can take seconds where a quiet one takes milliseconds.
const WAIT_MS = 30_000;
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const dbName = () => new URL(own.url).pathname.slice(1);
const listeners = async () =>
  (await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = 'huiyin-session-listener' and datname = ${dbName()} and query like 'listen %'`.execute(a.db)).rows;
/** Deletes a session without its trigger (session_replication_role = replica, this transaction only): a notice that never comes. */
const deleteSilently = (token: string) =>
  a.db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await trx.deleteFrom('sessions').where('token_hash', '=', hashOf(token)).execute();
  });
const status = async (api: TestApi, token: string) => (await api.call(token, 'GET', '/api/v1/me')).statusCode;

describe('sessions kept in memory by each API process', { timeout: 120_000 }, () => {
  it('answers a known session from memory, and forgets it when the database names it', async () => {
    await until(listeners, (r) => r.length === 2, WAIT_MS);
    const token = await a.login(d.people.handlerA.login);
    expect(await status(b, token)).toBe(200);
    await deleteSilently(token);
    // Still known to b: it did not ask the database again (what the cache is for).
    expect(await status(b, token)).toBe(200);
    // a has never seen it since the login, so it asks and finds nothing.
    expect(await status(a, token)).toBe(401);
    await sql`select pg_notify('huiyin_sessions', ${hashOf(token)})`.execute(a.db);
    expect(
      await until(
        () => status(b, token),
        (s) => s === 401,
        WAIT_MS,
      ),
    ).toBe(401);
  });

  it('a sign-out in one process ends the session in the other at once', async () => {
    await until(listeners, (r) => r.length === 2, WAIT_MS);
    const token = await a.login(d.people.handlerB.login);
    expect(await status(b, token)).toBe(200);
    expect((await a.call(token, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect(await status(a, token)).toBe(401);
    expect(
      await until(
        () => status(b, token),
        (s) => s === 401,
        WAIT_MS,
      ),
    ).toBe(401);
  });

  it("an official's roles changed in the database take effect in every process", async () => {
    await until(listeners, (r) => r.length === 2, WAIT_MS);
    const token = await a.login(d.people.dispatcher.login);
    const roles = async () => ((await b.call(token, 'GET', '/api/v1/me')).json() as { roles: string[] }).roles;
    expect(await roles()).toEqual(['dispatcher']);
    await a.db
      .updateTable('officials')
      .set({ roles: ['dispatcher', 'supervisor'] })
      .where('id', '=', d.people.dispatcher.id)
      .execute();
    expect(await until(roles, (r) => r.length === 2, WAIT_MS)).toEqual(['dispatcher', 'supervisor']);
  });

  it('keeps nothing while it cannot hear the database, and listens again', async () => {
    await until(listeners, (r) => r.length === 2, WAIT_MS);
    const token = await a.login(d.people.headA.login);
    expect(await status(b, token)).toBe(200);
    // With a timeout, pg_terminate_backend returns once the backends have ended, not merely been
    // signalled (a loaded machine may leave them running past the pause below): their connections
    // are closed by then, and the apps notice on their next I/O turn, within the pause.
    const cut = await sql<{
      ended: boolean;
    }>`select pg_terminate_backend(pid, ${WAIT_MS}) as ended from pg_stat_activity where application_name = 'huiyin-session-listener' and datname = ${dbName()}`.execute(a.db);
    expect(cut.rows.map((r) => r.ended)).toEqual([true, true]);
    await new Promise((r) => setTimeout(r, 200));
    await deleteSilently(token);
    // Not heard, but not answered from memory either: b asks the database.
    expect(await status(b, token)).toBe(401);
    expect(await until(listeners, (r) => r.length === 2, WAIT_MS)).toHaveLength(2);
    // Listening again, it keeps sessions again.
    const again = await a.login(d.people.headA.login);
    expect(await status(b, again)).toBe(200);
    await deleteSilently(again);
    expect(await status(b, again)).toBe(200);
  });

  it('does not keep a lookup that overlapped a notice', async () => {
    const cache = createSessionCache<string>({ databaseUrl: own.url, seconds: 60 });
    try {
      const future = new Date(Date.now() + 60_000);
      // Live once a kept value can be read back.
      await until(
        () => (cache.put('probe', 'x', future, cache.mark()), cache.get('probe', new Date())),
        (v) => v === 'x',
        WAIT_MS,
      );
      const mark = cache.mark();
      await sql`select pg_notify('huiyin_sessions', 'someone-else')`.execute(a.db);
      await until(
        () => cache.mark(),
        (m) => m !== mark,
        WAIT_MS,
      );
      cache.put('late', 'stale', future, mark);
      expect(cache.get('late', new Date())).toBeUndefined();
      // Nor a session expired by the engine's clock, nor anything after '*'.
      cache.put('expiring', 'y', new Date(Date.now() + 1_000), cache.mark());
      expect(cache.get('expiring', new Date(Date.now() + 2_000))).toBeUndefined();
      await sql`select pg_notify('huiyin_sessions', '*')`.execute(a.db);
      expect(
        await until(
          () => cache.get('probe', new Date()),
          (v) => v === undefined,
          WAIT_MS,
        ),
      ).toBeUndefined();
    } finally {
      await cache.close();
    }
  });
});
