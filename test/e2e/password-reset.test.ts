import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, unique, type SmallDistrict } from '../support/district.ts';
import { startMailRelay, type MailRelay } from '../support/mail-relay.ts';
import { until } from '../support/until.ts';

/** 忘记密码 / 重置密码 by mail (issue 19): single use, expiry, the same answer for unknown logins, the hourly limit. */

let api: TestApi;
let d: SmallDistrict;
let relay: MailRelay;
let now = new Date();
beforeAll(async () => {
  api = await startApi({}, { clock: () => now });
  d = await createDistrict(api.db);
  relay = await startMailRelay(api.db, { publicUrl: 'https://huiyin.example.gov.cn' });
}, 60_000);
afterAll(async () => {
  await relay.stop();
  await api.close();
});

const requestReset = (login: string) => api.call(null, 'POST', '/api/v1/auth/password-reset/request', { login });
const reset = (token: string, newPassword: string) => api.call(null, 'POST', '/api/v1/auth/password-reset', { token, newPassword });
const signIn = (login: string, password: string) => api.call(null, 'POST', '/api/v1/auth/login', { login, password });
const tokenIn = (text: string) => /reset-password#token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
const strip = (r: LightMyRequestResponse) => ({ status: r.statusCode, body: r.body });

describe('password reset by mail', () => {
  it('mails a single-use link to the official; the new password holds, old sessions end', async () => {
    const who = d.people.handlerA;
    const old = await api.login(who.login);
    expect(strip(await requestReset(who.login))).toEqual(strip(await requestReset(`nobody-${unique()}`)));
    const mail = await relay.sink.waitFor((m) => m.subject === '【回音】重置密码' && m.to.includes(`handler-a-${d.tag}@test.local`), 30_000);
    const token = tokenIn(mail.text);
    expect(token.length).toBeGreaterThan(30);
    // Once sent, the outbox row keeps no link: a backup of the database cannot reset anything.
    const sent = await until(
      () => api.db.selectFrom('outbox').select(['payload', 'processed_at']).where('dedupe_key', 'like', 'password-reset-%').where('processed_at', 'is not', null).execute(),
      (rows) => rows.length > 0,
      30_000,
    );
    expect(sent.length).toBeGreaterThan(0);
    for (const row of sent) expect(JSON.stringify(row.payload)).not.toContain(token);
    // A weak password is refused and leaves the token usable.
    expect((await reset(token, '1234567890')).statusCode).toBe(422);
    expect((await reset(token, 'granite orchard wisdom 5')).statusCode).toBe(204);
    expect((await signIn(who.login, 'granite orchard wisdom 5')).json()).toMatchObject({ mustChangePassword: false });
    expect((await api.call(old, 'GET', '/api/v1/me')).statusCode).toBe(401);
    // Used once: a second use is refused, naming the token.
    const again = await reset(token, 'another fine password 6');
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ code: 'password_reset.token_invalid', errors: [{ field: 'token' }] });
  });

  it('answers by e-mail too, and a link past its 30 minutes is refused', async () => {
    await requestReset(`head-a-${d.tag}@TEST.local`);
    const mail = await relay.sink.waitFor((m) => m.subject === '【回音】重置密码' && m.to.includes(`head-a-${d.tag}@test.local`), 30_000);
    now = new Date(Date.now() + 31 * 60_000);
    try {
      expect((await reset(tokenIn(mail.text), 'granite orchard wisdom 7')).statusCode).toBe(400);
    } finally {
      now = new Date();
    }
    expect((await signIn(d.people.headA.login, 'correct horse battery')).statusCode).toBe(200);
  });

  it('sends an enterprise account’s link to its contacts, and at most three an hour per account', async () => {
    for (let i = 0; i < 5; i++) expect((await requestReset(d.entB.login)).statusCode).toBe(202);
    const rows = await api.db
      .selectFrom('password_reset_tokens')
      .innerJoin('accounts', 'accounts.id', 'password_reset_tokens.account_id')
      .select('token_hash')
      .where('accounts.login', '=', d.entB.login)
      .execute();
    expect(rows).toHaveLength(3);
    await relay.sink.waitFor((m) => m.subject === '【回音】重置密码' && m.to.includes(`企业乙-${d.tag}@ent.test`), 30_000);
  });

  it('sends nothing for a deactivated official, with the same answer', async () => {
    await api.db.updateTable('officials').set({ deactivated_at: new Date() }).where('id', '=', d.people.handlerC.id).execute();
    const res = await requestReset(d.people.handlerC.login);
    expect(res.statusCode).toBe(202);
    const rows = await api.db
      .selectFrom('password_reset_tokens')
      .innerJoin('accounts', 'accounts.id', 'password_reset_tokens.account_id')
      .select('token_hash')
      .where('accounts.login', '=', d.people.handlerC.login)
      .execute();
    expect(rows).toHaveLength(0);
  });
});
