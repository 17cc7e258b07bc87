import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.ts';
import { PASSWORD, createDistrict, freshCreditCode, unique, type SmallDistrict } from '../support/district.ts';
import { PDF, openDistrict, type E2eDistrict } from './e2e-district.ts';

/** Accounts that hold (issue 19): lockouts, unknown logins, passwords, contacts, upload quota, caching and origin. */

let t: E2eDistrict;
beforeAll(async () => {
  t = await openDistrict({ ATTACHMENT_DAILY_COUNT: '3', ATTACHMENT_DAILY_BYTES: String(Math.floor(PDF.length * 3.5)) });
});
afterAll(() => t.close());

const login = (api: TestApi, name: string, password: string, ip: string) => api.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: name, password }, remoteAddress: ip });
const problemOf = (res: LightMyRequestResponse) => res.json() as { code: string; errors?: Array<{ field: string }> };

describe('wrong passwords', () => {
  // An API whose clock the test moves, so that locks run out without waiting.
  let api: TestApi;
  let d: SmallDistrict;
  let now = new Date('2026-12-07T10:00:00+08:00');
  beforeAll(async () => {
    api = await startApi({}, { clock: () => now });
    d = await createDistrict(api.db);
  });
  afterAll(() => api.close());

  it('counts 15 concurrent wrong passwords, every one: the login is locked from that address', async () => {
    const codes = await Promise.all(Array.from({ length: 15 }, () => login(api, d.people.handlerB.login, 'wrong password 1', '10.20.0.1').then((r) => r.statusCode)));
    expect(codes.filter((c) => c === 401).length).toBeGreaterThanOrEqual(5);
    const locked = await login(api, d.people.handlerB.login, PASSWORD, '10.20.0.1');
    expect(locked.statusCode).toBe(423);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    // Not one failure lost: each of the 15 was counted.
    const row = await api.db.selectFrom('login_failures').select('failures').where('login', '=', d.people.handlerB.login).where('address', '=', '10.20.0.1').executeTakeFirstOrThrow();
    expect(row.failures).toBe(15);
  });

  it('starts the count again when a lock runs out (no re-arming), and locks for longer each time', async () => {
    const who = d.people.handlerC.login;
    for (let i = 0; i < 5; i++) expect((await login(api, who, 'wrong password 2', '10.21.0.1')).statusCode).toBe(401);
    const first = await login(api, who, PASSWORD, '10.21.0.1');
    expect(first.statusCode).toBe(423);
    expect(Number(first.headers['retry-after'])).toBe(15 * 60);
    now = new Date(now.getTime() + 16 * 60_000);
    // One wrong password after the lock ran out is one failure, not a new lock.
    expect((await login(api, who, 'wrong password 3', '10.21.0.1')).statusCode).toBe(401);
    expect((await login(api, who, PASSWORD, '10.21.0.1')).statusCode).toBe(200);
    // The next lock within the day lasts twice as long.
    for (let i = 0; i < 5; i++) expect((await login(api, who, 'wrong password 4', '10.21.0.1')).statusCode).toBe(401);
    now = new Date(now.getTime() + 16 * 60_000);
    for (let i = 0; i < 5; i++) await login(api, who, 'wrong password 5', '10.21.0.1');
    const third = await login(api, who, PASSWORD, '10.21.0.1');
    expect(third.statusCode).toBe(423);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(15 * 60);
  });

  it('a stranger’s wrong passwords from another address do not keep the owner out', async () => {
    const who = d.people.headB.login;
    for (let i = 0; i < 6; i++) await login(api, who, 'guessing', '203.0.113.9');
    expect((await login(api, who, PASSWORD, '203.0.113.9')).statusCode).toBe(423);
    const owner = await login(api, who, PASSWORD, '10.22.0.7');
    expect(owner.statusCode).toBe(200);
  });

  it('answers an unknown login as a known one with a wrong password: same status, same body, as slowly, and locks it alike', async () => {
    const strip = (r: LightMyRequestResponse) => ({ status: r.statusCode, body: { ...r.json(), instance: undefined } });
    const known = await login(api, d.people.headA.login, 'not it at all', '10.23.0.1');
    const unknown = await login(api, `nobody-${unique()}`, 'not it at all', '10.23.0.1');
    expect(strip(unknown)).toEqual(strip(known));
    expect(known.statusCode).toBe(401);
    // Timing: the unknown login is checked against a dummy argon2 hash, so it is no faster.
    const timed = async (name: string) => {
      const started = performance.now();
      await login(api, name, 'still not it', '10.23.0.2');
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      knownTimes.push(await timed(d.people.leaderB.login));
      unknownTimes.push(await timed(`nobody-${unique()}`));
    }
    expect(median(unknownTimes)).toBeGreaterThan(median(knownTimes) / 3);
    // Five wrong tries lock an unknown login too, with the same answer.
    const ghost = `ghost-${unique()}`;
    for (let i = 0; i < 5; i++) await login(api, ghost, 'x', '10.23.0.3');
    for (let i = 0; i < 5; i++) await login(api, d.people.leaderA.login, 'x', '10.23.0.3');
    const lockedUnknown = await login(api, ghost, 'x', '10.23.0.3');
    const lockedKnown = await login(api, d.people.leaderA.login, 'x', '10.23.0.3');
    expect(lockedUnknown.statusCode).toBe(423);
    expect(lockedKnown.statusCode).toBe(423);
    expect(problemOf(lockedUnknown).code).toBe(problemOf(lockedKnown).code);
  });
});

describe('passwords', () => {
  const createAccount = (enterpriseId: string, loginName: string, password: string) =>
    t.api.call(t.as('admin'), 'POST', `/api/v1/enterprises/${enterpriseId}/accounts`, { login: loginName, password });

  it('refuses ten spaces, 1234567890 and the login itself for an admin-created account', async () => {
    const name = `acme-${unique()}`.slice(0, 60);
    for (const password of ['          ', '1234567890', name, 'password1234']) {
      const res = await createAccount(t.d.entA.id, name, password);
      expect(res.statusCode, password).toBe(422);
      expect(problemOf(res)).toMatchObject({ code: 'account.password_weak', errors: [{ field: 'password' }] });
    }
    expect(await t.api.db.selectFrom('accounts').select('id').where('login', '=', name).execute()).toHaveLength(0);
  });

  it('makes an admin-set password change at first sign-in, refusing every other call with 403 until then', async () => {
    const name = `first-${unique()}`.slice(0, 60);
    const oneTime = 'river lantern copper 71';
    expect((await createAccount(t.d.entB.id, name, oneTime)).statusCode).toBe(201);
    const signedIn = await login(t.api, name, oneTime, '10.30.0.1');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ mustChangePassword: true });
    const token = signedIn.json().token as string;
    const refused = await t.api.call(token, 'GET', '/api/v1/issues');
    expect(refused.statusCode).toBe(403);
    expect(problemOf(refused).code).toBe('auth.password_change_required');
    expect((await t.api.call(token, 'GET', '/api/v1/me')).json()).toMatchObject({ mustChangePassword: true });

    const change = (currentPassword: string, newPassword: string) => t.api.call(token, 'POST', '/api/v1/auth/password', { currentPassword, newPassword });
    const wrong = await change('not the one time password', 'quiet meadow falcon 38');
    expect(wrong.statusCode).toBe(403);
    expect(problemOf(wrong)).toMatchObject({ code: 'account.password_wrong', errors: [{ field: 'currentPassword' }] });
    for (const weak of ['1234567890', oneTime, `${name}-2026`]) {
      const res = await change(oneTime, weak);
      expect(res.statusCode, weak).toBe(422);
      expect(problemOf(res)).toMatchObject({ code: 'account.password_weak', errors: [{ field: 'newPassword' }] });
    }
    const changed = await change(oneTime, 'quiet meadow falcon 38');
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ mustChangePassword: false });
    // The old session is ended; the new one works for everything.
    expect((await t.api.call(token, 'GET', '/api/v1/me')).statusCode).toBe(401);
    const fresh = changed.json().token as string;
    expect((await t.api.call(fresh, 'GET', '/api/v1/issues')).statusCode).toBe(200);
    expect((await login(t.api, name, 'quiet meadow falcon 38', '10.30.0.1')).json()).toMatchObject({ mustChangePassword: false });
    expect((await login(t.api, name, oneTime, '10.30.0.1')).statusCode).toBe(401);
  });

  it('lets an admin reset a password to a one-time one, ending the account’s sessions', async () => {
    const name = `reset-${unique()}`.slice(0, 60);
    const created = await createAccount(t.d.entB.id, name, 'amber pocket violin 52');
    const accountId = created.json().id as string;
    const first = (await login(t.api, name, 'amber pocket violin 52', '10.31.0.1')).json().token as string;
    const changed = await t.api.call(first, 'POST', '/api/v1/auth/password', { currentPassword: 'amber pocket violin 52', newPassword: 'harbor thistle engine 64' });
    const own = changed.json().token as string;
    expect((await t.api.call(own, 'GET', '/api/v1/issues')).statusCode).toBe(200);
    const byHandler = await t.api.call(t.as('handlerA'), 'POST', `/api/v1/accounts/${accountId}/password`, { password: 'maple signal orbit 90' });
    expect(byHandler.statusCode).toBe(403);
    expect((await t.api.call(t.as('admin'), 'POST', `/api/v1/accounts/${accountId}/password`, { password: name })).statusCode).toBe(422);
    expect((await t.api.call(t.as('admin'), 'POST', `/api/v1/accounts/${accountId}/password`, { password: 'maple signal orbit 90' })).statusCode).toBe(204);
    expect((await t.api.call(own, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await login(t.api, name, 'maple signal orbit 90', '10.31.0.1')).json()).toMatchObject({ mustChangePassword: true });
  });
});

describe('enterprise contacts', () => {
  const contactsOf = async (who: Parameters<E2eDistrict['as']>[0], id: string) => {
    const one = (await t.get(who, `/api/v1/enterprises/${id}`)).json() as { contacts: Array<{ name: string; phone: string | null; email: string | null }> };
    const list = (await t.get(who, '/api/v1/enterprises?limit=200')).json() as { items: Array<{ id: string; contacts: Array<{ name: string; phone: string | null }> }> };
    return { one: one.contacts, listed: list.items.find((e) => e.id === id)?.contacts };
  };

  it('shows numbers to the 分包 leader and unit, dispatchers, supervisors and admins, names only to officials not working on the enterprise', async () => {
    for (const who of ['leaderA', 'headA', 'handlerA', 'dispatcher', 'supervisor', 'admin'] as const) {
      const seen = await contactsOf(who, t.d.entB.id);
      expect(seen.one[0]?.phone, who).toBe('13800000000');
      expect(seen.listed?.[0]?.phone, who).toBe('13800000000');
    }
    for (const who of ['handlerC', 'leaderB'] as const) {
      const seen = await contactsOf(who, t.d.entB.id);
      expect(seen.one[0], who).toMatchObject({ name: '联系人', phone: null, email: null });
      expect(seen.listed?.[0], who).toMatchObject({ name: '联系人', phone: null });
    }
    expect((await t.get('entB', `/api/v1/enterprises/${t.d.entB.id}`)).json().contacts[0].phone).toBe('13800000000');
  });

  it('shows them to the officials of a unit working on one of the enterprise’s issues', async () => {
    const before = await contactsOf('handlerB', t.d.entB.id);
    expect(before.one[0]?.phone).toBeNull();
    const issue = await t.file('entB');
    await t.ok('dispatcher', issue.id, 'list', { leadUnitId: t.d.unitB });
    const after = await contactsOf('handlerB', t.d.entB.id);
    expect(after.one[0]?.phone).toBe('13800000000');
  });
});

describe('daily upload quota', () => {
  it('refuses the upload past the day’s count with 429 and Retry-After until midnight', async () => {
    for (let i = 0; i < 3; i++) expect((await t.upload('handlerA', `f${i}.pdf`, PDF)).statusCode).toBe(201);
    const over = await t.upload('handlerA', 'f3.pdf', PDF);
    expect(over.statusCode).toBe(429);
    expect(problemOf(over).code).toBe('attachment.quota_exceeded');
    const retry = Number(over.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(86_400);
    // Another account's quota is its own.
    expect((await t.upload('headA', 'mine.pdf', PDF)).statusCode).toBe(201);
  });

  it('refuses a file that would pass the day’s bytes', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(PDF.length * 3, 0x20)]);
    const res = await t.upload('headB', 'big.pdf', big);
    expect(res.statusCode).toBe(429);
    expect(problemOf(res).code).toBe('attachment.quota_exceeded');
  });

  it('holds under concurrent uploads: exactly the quota gets through', async () => {
    const codes = await Promise.all(Array.from({ length: 6 }, (_, i) => t.upload('leaderB', `c${i}.pdf`, PDF).then((r) => r.statusCode)));
    expect(codes.filter((c) => c === 201)).toHaveLength(3);
    expect(codes.filter((c) => c === 429)).toHaveLength(3);
  });
});

describe('caching and origin', () => {
  it('marks authenticated answers and sign-in answers no-store', async () => {
    expect((await t.get('handlerA', '/api/v1/me')).headers['cache-control']).toBe('no-store');
    expect((await t.get('entA', `/api/v1/enterprises/${t.d.entA.id}`)).headers['cache-control']).toBe('no-store');
    expect((await login(t.api, t.d.people.supervisor.login, PASSWORD, '10.40.0.1')).headers['cache-control']).toBe('no-store');
  });

  it('refuses a cookie-borne write from the same host over another scheme or port', async () => {
    const res = await login(t.api, t.d.entA.login, PASSWORD, '10.41.0.1');
    const cookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
    const post = (origin: string) =>
      t.api.app.inject({
        method: 'POST',
        url: '/api/v1/issues',
        headers: { cookie, origin, host: 'huiyin.local' },
        payload: { categoryId: t.d.categoryId, title: '同源检查', description: '来源检查' },
      });
    for (const origin of ['https://huiyin.local', 'http://huiyin.local:8080', 'null']) {
      const refused = await post(origin);
      expect(refused.statusCode, origin).toBe(403);
      expect(problemOf(refused).code).toBe('auth.cross_origin');
    }
    expect((await post('http://huiyin.local')).statusCode).toBe(201);
  });
});

it('registers an enterprise whose contacts an unrelated official then sees without numbers', async () => {
  const created = await t.api.call(t.as('admin'), 'POST', '/api/v1/enterprises', {
    name: `联系人测试-${unique()}`,
    creditCode: freshCreditCode(),
    industry: '制造',
    address: '霁川区',
    contacts: [{ name: '赵六', role: '经理', phone: '13900001111', email: 'z@ent.test' }],
  });
  expect(created.statusCode).toBe(201);
  const seen = (await t.get('handlerA', `/api/v1/enterprises/${created.json().id}`)).json();
  expect(seen.contacts).toEqual([{ name: '赵六', role: '经理', phone: null, email: null, sms: false }]);
});
