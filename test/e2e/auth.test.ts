import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.ts';
import { PASSWORD, createDistrict, type SmallDistrict } from '../support/district.ts';

let api: TestApi;
let d: SmallDistrict;

beforeAll(async () => {
  api = await startApi({ LOGIN_RATE_PER_MINUTE: '8' });
  d = await createDistrict(api.db);
});
afterAll(() => api.close());

const login = (loginName: string, password: string, ip = '10.0.0.1') => api.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: loginName, password }, remoteAddress: ip });

describe('signing in', () => {
  it('stores argon2id hashes and sets an HttpOnly, SameSite session cookie that works instead of a token', async () => {
    const row = await api.db.selectFrom('accounts').select('password_hash').where('login', '=', d.entA.login).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const res = await login(d.entA.login, PASSWORD, '10.0.0.2');
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/huiyin_session=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = cookie.split(';')[0] ?? '';
    const me = await api.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session } });
    expect(me.json()).toMatchObject({ kind: 'enterprise', enterpriseId: d.entA.id });
    // A cookie-borne write from another site is refused (CSRF); from this site it goes through.
    const body = { categoryId: d.categoryId, title: '跨站请求', description: '不应受理' };
    const cross = await api.app.inject({ method: 'POST', url: '/api/v1/issues', headers: { cookie: session, origin: 'https://evil.example', host: 'huiyin.local' }, payload: body });
    expect(cross.statusCode).toBe(403);
    const same = await api.app.inject({ method: 'POST', url: '/api/v1/issues', headers: { cookie: session, origin: 'http://huiyin.local', host: 'huiyin.local' }, payload: body });
    expect(same.statusCode).toBe(201);
  });

  it('locks a login from an address after five wrong passwords from it, even with the right one', async () => {
    for (let i = 0; i < 5; i++) expect((await login(d.entB.login, 'wrong password', '10.1.0.1')).statusCode).toBe(401);
    const locked = await login(d.entB.login, PASSWORD, '10.1.0.1');
    expect(locked.statusCode).toBe(423);
    expect(locked.headers['content-type']).toContain('application/problem+json');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers 429 once an address passes the login rate', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await login('nobody-at-all', 'x', '10.2.0.1')).statusCode);
    // An unknown login is locked after five wrong tries like a known one; past the rate, 429.
    expect(codes).toEqual([401, 401, 401, 401, 401, 423, 423, 423, 429, 429]);
  });

  it('ends the session on logout', async () => {
    const token = await api.login(d.people.handlerA.login);
    expect((await api.call(token, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await api.call(token, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    const after = await api.call(token, 'GET', '/api/v1/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('auth.unauthenticated');
  });
});
