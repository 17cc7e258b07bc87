import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.ts';
import { PASSWORD, createDistrict, freshCreditCode, unique, type SmallDistrict } from '../support/district.ts';
import { openRig, request } from '../drills/support/rig.ts';
import { PDF, expectProblem, openDistrict, type E2eDistrict } from './e2e-district.ts';

// The security basics, each checked against the real app: password hashes, login
// limits, the session cookie, CSRF, uploads, response headers, and personal data kept out of logs.

let t: E2eDistrict;
beforeAll(async () => {
  t = await openDistrict({ ATTACHMENT_MAX_BYTES: '4096' });
});
afterAll(() => t.close());

const login = (api: TestApi, name: string, password: string, headers: Record<string, string> = {}, ip = '10.9.0.1') =>
  api.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: name, password }, headers, remoteAddress: ip });

describe('passwords', () => {
  it('stores an account created through the API as an argon2id hash, never the password', async () => {
    const name = `sec-acct-${unique()}`;
    const password = 'a long enough passphrase 2026';
    const res = await t.api.call(t.as('admin'), 'POST', `/api/v1/enterprises/${t.d.entB.id}/accounts`, { login: name, password });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.api.db.selectFrom('accounts').select('password_hash').where('login', '=', name).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$(?=[^$]*m=\d+)(?=[^$]*t=\d+)(?=[^$]*p=\d+)[mtp=\d,]+\$/);
    expect(row.password_hash).not.toContain(password);
    expect((await login(t.api, name, password)).statusCode).toBe(200);
  });
});

describe('login limits', () => {
  let api: TestApi;
  let d: SmallDistrict;
  beforeAll(async () => {
    api = await startApi({ LOGIN_RATE_PER_MINUTE: '6' });
    d = await createDistrict(api.db);
  });
  afterAll(() => api.close());

  it('locks a login for a while after five wrong passwords from one address, even against the right one, from that address only', async () => {
    for (let i = 0; i < 5; i++) expect((await login(api, d.people.handlerB.login, 'not the password', {}, '10.8.1.1')).statusCode).toBe(401);
    const locked = await login(api, d.people.handlerB.login, PASSWORD, {}, '10.8.1.1');
    expect(expectProblem(locked, 423).code).toBe('auth.locked');
    // The owner elsewhere, and another account, are not affected (the sixth try was this address's rate).
    expect((await login(api, d.people.handlerB.login, PASSWORD, {}, '10.8.1.99')).statusCode).toBe(200);
    expect((await login(api, d.people.handlerC.login, PASSWORD, {}, '10.8.1.98')).statusCode).toBe(200);
  });

  it('answers 429 problem+json once one address passes the login rate, while other addresses still sign in', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) codes.push((await login(api, 'nobody', 'x', {}, '10.8.2.1')).statusCode);
    // The unknown login is locked after five, as a known one would be; past the rate, 429.
    expect(codes).toEqual([401, 401, 401, 401, 401, 423, 429, 429]);
    const limited = await login(api, d.people.headB.login, PASSWORD, {}, '10.8.2.1');
    expect(expectProblem(limited, 429).code).toBe('request.too_many');
    expect((await login(api, d.people.headB.login, PASSWORD, {}, '10.8.2.2')).statusCode).toBe(200);
  });
});

describe('the session cookie', () => {
  const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie'] ?? '');

  it('is HttpOnly and SameSite, and not Secure over plain HTTP', async () => {
    const cookie = cookieOf(await login(t.api, t.d.entA.login, PASSWORD, {}, '10.7.0.1'));
    expect(cookie).toMatch(/^huiyin_session=[^;]+;/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it('is Secure behind a TLS proxy that is trusted, and a client cannot claim HTTPS to a server that trusts no proxy', async () => {
    const proxied = await startApi({ TRUST_PROXY: 'true' });
    try {
      const d = await createDistrict(proxied.db);
      const behindTls = cookieOf(await login(proxied, d.entA.login, PASSWORD, { 'x-forwarded-proto': 'https' }));
      expect(behindTls).toMatch(/;\s*Secure/i);
      expect(behindTls).toMatch(/;\s*HttpOnly/i);
    } finally {
      await proxied.close();
    }
    const spoofed = cookieOf(await login(t.api, t.d.entA.login, PASSWORD, { 'x-forwarded-proto': 'https' }, '10.7.0.2'));
    expect(spoofed).not.toMatch(/;\s*Secure/i);
  });

  it('is Secure whatever the request when COOKIE_SECURE=true', async () => {
    const tls = await startApi({ COOKIE_SECURE: 'true' });
    try {
      const d = await createDistrict(tls.db);
      expect(cookieOf(await login(tls, d.entA.login, PASSWORD))).toMatch(/;\s*Secure/i);
    } finally {
      await tls.close();
    }
  });
});

describe('CSRF', () => {
  it('refuses a cookie-borne write from another origin (or an opaque one) and writes nothing; the same origin and bearer tokens go through', async () => {
    const session = String((await login(t.api, t.d.entA.login, PASSWORD, {}, '10.6.0.1')).headers['set-cookie']).split(';')[0] ?? '';
    const title = `跨站-${unique()}`;
    const body = { categoryId: t.d.categoryId, title, description: '不应受理' };
    const post = (headers: Record<string, string>) => t.api.app.inject({ method: 'POST', url: '/api/v1/issues', headers: { host: 'huiyin.local', ...headers }, payload: body });
    expect(expectProblem(await post({ cookie: session, origin: 'https://evil.example' }), 403).code).toBe('auth.cross_origin');
    expect(expectProblem(await post({ cookie: session, origin: 'null' }), 403).code).toBe('auth.cross_origin');
    expect(expectProblem(await post({ cookie: session, origin: 'http://huiyin.local.evil.example' }), 403).code).toBe('auth.cross_origin');
    const filed = () => t.api.db.selectFrom('issues').select('id').where('title', '=', title).execute();
    expect(await filed()).toHaveLength(0);
    expect((await post({ cookie: session, origin: 'http://huiyin.local' })).statusCode).toBe(201);
    // A bearer token is never sent by a browser on its own, so another origin may use one.
    expect((await post({ authorization: `Bearer ${t.as('entA')}`, origin: 'https://other.example' })).statusCode).toBe(201);
    expect(await filed()).toHaveLength(2);
  });
});

describe('attachments', () => {
  const count = async () =>
    Number(
      (
        await t.api.db
          .selectFrom('attachments')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('judges the type by the content, not the name: HTML or an executable named .pdf is refused with 415', async () => {
    const before = await count();
    const html = await t.upload('entA', '营业执照.pdf', Buffer.from('<!doctype html><script>alert(1)</script>'));
    expect(expectProblem(html, 415).code).toBe('attachment.type_refused');
    const exe = await t.upload('entA', 'report.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]));
    expect(expectProblem(exe, 415).code).toBe('attachment.type_refused');
    const pdf = await t.upload('entA', 'scan.png', PDF);
    // A real PDF under another name is stored as what it is.
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({ mediaType: 'application/pdf' });
    expect(await count()).toBe(before + 1);
  });

  it('refuses a file over ATTACHMENT_MAX_BYTES with 413 problem+json and keeps no row of it', async () => {
    const before = await count();
    const big = await t.upload('entA', 'big.pdf', Buffer.concat([PDF, Buffer.alloc(8192, 0x20)]));
    expect(expectProblem(big, 413).code).toBe('attachment.too_large');
    expect(await count()).toBe(before);
  });
});

describe('security headers', () => {
  const HEADERS = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  };

  it('sends them on every kind of answer: the console, docs, OpenAPI, JSON, problems, 404s', async () => {
    const answers = await Promise.all([
      t.api.app.inject({ url: '/' }),
      t.api.app.inject({ url: '/docs/' }),
      t.api.app.inject({ url: '/openapi.json' }),
      t.api.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${t.as('entA')}` } }),
      t.api.app.inject({ url: '/api/v1/me' }),
      t.api.app.inject({ url: '/api/v1/no-such-route' }),
      t.api.app.inject({ method: 'POST', url: '/api/v1/issues', headers: { authorization: `Bearer ${t.as('entA')}` }, payload: { title: 1 } }),
    ]);
    for (const res of answers) {
      for (const [name, value] of Object.entries(HEADERS)) expect(res.headers[name], `${name} on ${res.statusCode} ${res.raw.req.url}`).toBe(value);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("frame-ancestors 'none'");
      // Plain HTTP: no HSTS (a browser would ignore it, and it would pin a dev host to HTTPS).
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('adds Strict-Transport-Security behind a trusted TLS proxy', async () => {
    const proxied = await startApi({ TRUST_PROXY: 'true' });
    try {
      const res = await proxied.app.inject({ url: '/openapi.json', headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
      const plain = await proxied.app.inject({ url: '/openapi.json' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await proxied.close();
    }
  });
});

describe('personal data in logs', () => {
  it('keeps phone and ID numbers out of the API process’s log while filing, registering and failing validation (at trace level)', async () => {
    const phone = '13912345678';
    const idNumber = '110101199003074518';
    const rig = await openRig({ name: 'pii', apiEnv: () => ({ LOG_LEVEL: 'trace' }) });
    try {
      const description = `联系人张三，手机 ${phone}，身份证号 ${idNumber}，请尽快回电。`;
      await rig.file('entA', { description, title: `回电 ${phone}` });
      await rig.must(
        'admin',
        'POST',
        '/api/v1/enterprises',
        { name: `隐私测试企业-${unique()}`, creditCode: freshCreditCode(), industry: '制造', address: '霁川区', contacts: [{ name: '李四', role: '经理', phone, email: 'li@ent.test' }] },
        201,
      );
      const refused = await rig.call('entA', 'POST', '/api/v1/issues', { categoryId: rig.d.categoryId, title: phone.repeat(30), description: idNumber });
      expect(refused.status).toBe(400);
      await request(rig.base, 'POST', '/api/v1/auth/login', { body: { login: phone, password: idNumber } });
      // The log did record these requests (so an empty log cannot pass), one line each, saying what was asked and answered.
      const completed = rig.api.logs.filter((l) => l.msg === 'request completed');
      expect(completed.length).toBeGreaterThan(5);
      expect(completed).toContainEqual(expect.objectContaining({ req: expect.objectContaining({ method: 'POST', url: '/api/v1/issues' }), res: { statusCode: 400 } }));
      expect(rig.api.logs.filter((l) => l.msg === 'incoming request')).toEqual([]);
      const text = rig.api.logs.map((l) => JSON.stringify(l)).join('\n');
      expect(text).not.toContain(phone);
      expect(text).not.toContain(idNumber);
    } finally {
      await rig.close();
    }
  }, 60_000);
});
