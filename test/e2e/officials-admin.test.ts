import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unique } from '../support/district.ts';
import { expectProblem, fieldsOf, openDistrict, type E2eDistrict } from './e2e-district.ts';

/** Officials kept by admins (issue 19): list, create, roles and unit, deactivate, reset. */

let t: E2eDistrict;
beforeAll(async () => {
  t = await openDistrict();
});
afterAll(() => t.close());

type OfficialAnswer = { id: string; accountId: string; login: string; name: string; email: string | null; roles: string[]; unitId: string | null; unitName: string | null; active: boolean };
const PASSWORD = 'harbour lantern sixty 4';

describe('officials admin', () => {
  it('creates an official who must change the admin-set password at first sign-in', async () => {
    const login = `new-official-${unique()}`;
    const res = await t.api.call(t.as('admin'), 'POST', '/api/v1/officials', { login, name: '新干部', email: 'new@gov.test', roles: ['handler'], unitId: t.d.unitA, password: PASSWORD });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json() as OfficialAnswer;
    expect(o).toMatchObject({ login, roles: ['handler'], unitId: t.d.unitA, active: true });
    const signIn = await t.api.call(null, 'POST', '/api/v1/auth/login', { login, password: PASSWORD });
    expect(signIn.json()).toMatchObject({ mustChangePassword: true });
    // The same login again is refused; a handler without a unit names the field.
    expectProblem(await t.api.call(t.as('admin'), 'POST', '/api/v1/officials', { login, name: '重名', email: 'x@gov.test', roles: ['handler'], unitId: t.d.unitA, password: PASSWORD }), 409);
    const noUnit = expectProblem(
      await t.api.call(t.as('admin'), 'POST', '/api/v1/officials', { login: `u-${unique()}`, name: '无单位', email: 'x@gov.test', roles: ['unit_head'], password: PASSWORD }),
      400,
    );
    expect(fieldsOf(noUnit)).toEqual(['unitId']);
    const weak = expectProblem(
      await t.api.call(t.as('admin'), 'POST', '/api/v1/officials', { login: `w-${unique()}`, name: '弱', email: 'x@gov.test', roles: ['dispatcher'], password: '1234567890' }),
      422,
    );
    expect(fieldsOf(weak)).toEqual(['password']);
  });

  it('lists officials by name to any official, with e-mail for admins only, paged', async () => {
    const list = async (who: 'admin' | 'handlerA', query: string) => {
      const res = await t.get(who, `/api/v1/officials?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: OfficialAnswer[]; nextCursor: string | null };
    };
    const mine = await list('handlerA', `q=${encodeURIComponent(t.d.tag)}&limit=4`);
    expect(mine.items).toHaveLength(4);
    expect(mine.items.every((o) => o.email === null)).toBe(true);
    const next = await list('handlerA', `q=${encodeURIComponent(t.d.tag)}&limit=4&cursor=${mine.nextCursor}`);
    expect(next.items.map((o) => o.id)).not.toContain(mine.items[0]?.id);
    const heads = await list('admin', `unitId=${t.d.unitA}&role=unit_head`);
    expect(heads.items.map((o) => o.login)).toEqual([t.d.people.headA.login]);
    expect(heads.items[0]?.email).toContain('@test.local');
    expectProblem(await t.get('entA', '/api/v1/officials'), 403);
  });

  it('moves an official to another unit with new roles: their next request acts with them', async () => {
    const id = t.d.people.handlerC.id;
    const res = await t.api.call(t.as('admin'), 'PATCH', `/api/v1/officials/${id}`, { unitId: t.d.unitB, roles: ['handler', 'unit_head'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ unitId: t.d.unitB, roles: ['handler', 'unit_head'] });
    const me = (await t.get('handlerC', '/api/v1/me')).json() as { unitId: string; roles: string[] };
    expect(me).toMatchObject({ unitId: t.d.unitB, roles: ['handler', 'unit_head'] });
    // A leader role without a leader is refused, naming the field.
    expect(fieldsOf(expectProblem(await t.api.call(t.as('admin'), 'PATCH', `/api/v1/officials/${id}`, { roles: ['leader'] }), 400))).toEqual(['leaderId']);
    expectProblem(await t.api.call(t.as('handlerA'), 'PATCH', `/api/v1/officials/${id}`, { roles: ['admin'] }), 403);
  });

  it('deactivates an official: sessions end at once and sign-in is refused as a wrong password; reactivated, they sign in', async () => {
    const who = t.d.people.handlerB;
    expect((await t.get('handlerB', '/api/v1/me')).statusCode).toBe(200);
    const res = await t.api.call(t.as('admin'), 'PATCH', `/api/v1/officials/${who.id}`, { active: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ active: false });
    expectProblem(await t.get('handlerB', '/api/v1/me'), 401);
    const refused = await t.api.call(null, 'POST', '/api/v1/auth/login', { login: who.login, password: 'correct horse battery' });
    const wrong = await t.api.call(null, 'POST', '/api/v1/auth/login', { login: who.login, password: 'not the password at all' });
    expect([refused.statusCode, refused.json().code]).toEqual([wrong.statusCode, wrong.json().code]);
    expect(refused.statusCode).toBe(401);
    const inactive = (await t.get('admin', `/api/v1/officials?active=false&q=${encodeURIComponent(who.login)}`)).json() as { items: OfficialAnswer[] };
    expect(inactive.items.map((o) => o.id)).toEqual([who.id]);
    // While deactivated they are no one's audience: a task dispatched to their unit reaches its
    // head, not them.
    const issue = await t.dispatched('entA', { leadUnitId: t.d.unitB });
    const told = await t.api.db
      .selectFrom('notifications')
      .innerJoin('accounts', 'accounts.id', 'notifications.account_id')
      .select('accounts.login')
      .where('notifications.issue_id', '=', issue.id)
      .execute();
    expect(told.map((r) => r.login)).toContain(t.d.people.headB.login);
    expect(told.map((r) => r.login)).not.toContain(who.login);
    await t.api.call(t.as('admin'), 'PATCH', `/api/v1/officials/${who.id}`, { active: true });
    expect((await t.api.call(null, 'POST', '/api/v1/auth/login', { login: who.login, password: 'correct horse battery' })).statusCode).toBe(200);
  });

  it('resets an official’s password through their account: to be changed at the next sign-in', async () => {
    const o = (await t.get('admin', `/api/v1/officials/${t.d.people.headB.id}`)).json() as OfficialAnswer;
    const res = await t.api.call(t.as('admin'), 'POST', `/api/v1/accounts/${o.accountId}/password`, { password: 'quartz meadow ninety 2' });
    expect(res.statusCode, res.body).toBe(204);
    const signIn = await t.api.call(null, 'POST', '/api/v1/auth/login', { login: o.login, password: 'quartz meadow ninety 2' });
    expect(signIn.json()).toMatchObject({ mustChangePassword: true });
    expectProblem(await t.get('admin', `/api/v1/officials/${t.d.newId()}`), 404);
  });
});
