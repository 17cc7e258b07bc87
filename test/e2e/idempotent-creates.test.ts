import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { shanghaiDate } from '@huiyin/calendar';
import { addDays } from '../../workflows/project/src/report-periods.ts';
import { freshCreditCode, unique } from '../support/district.ts';
import { sweepKeys } from '@huiyin/store';
import { expectProblem, openDistrict, type E2eDistrict, type Who } from './e2e-district.ts';

// Idempotency-Key on every create beside filing (issue 17): the same key and body replay the
// first answer and create nothing more; the same key with another body is a 409; concurrent
// requests with one key create once.

let t: E2eDistrict;
beforeAll(async () => {
  t = await openDistrict();
});
afterAll(() => t.close());

const post = (who: Who, url: string, body: object, key: string) => t.api.call(t.as(who), 'POST', url, body, { 'idempotency-key': key });
const count = async (table: 'enterprises' | 'project_problems' | 'bulletins' | 'supervision_orders' | 'appeals', where?: { column: string; value: string }) => {
  let q = t.api.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n'));
  if (where) q = q.where(where.column as never, '=', where.value as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
};
const enterprise = () => ({
  name: `幂等测试企业-${unique()}`,
  creditCode: freshCreditCode(),
  industry: '制造业',
  address: '霁川区创新路1号',
  contacts: [{ name: '王经理', role: '办公室主任', phone: '0571-8888 0000', email: 'office@example.cn' }],
});

/** The second answer is the first one again, marked as a replay. */
function expectReplay(first: LightMyRequestResponse, again: LightMyRequestResponse) {
  expect(again.statusCode, again.body).toBe(first.statusCode);
  expect(again.json()).toEqual(first.json());
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(first.headers['idempotent-replayed']).toBeUndefined();
}

describe('Idempotency-Key on creates', () => {
  it('hands a project problem over once however often it is posted with one key (it created two issues)', async () => {
    const today = shanghaiDate(new Date());
    const project = await t.api.call(t.as('dispatcher'), 'POST', '/api/v1/projects', {
      name: `幂等测试项目-${unique()}`,
      type: 'industrial',
      enterpriseId: t.d.entA.id,
      totalInvestment: 1000,
      planYear: 2026,
      plannedInvestmentYear: 500,
      leaderId: t.d.leaderB,
      unitId: t.d.unitB,
      teamOfficialIds: [t.d.people.handlerC.id],
      startDate: addDays(today, -10),
      plannedCompletion: addDays(today, 200),
    });
    expect(project.statusCode, project.body).toBe(201);
    const url = `/api/v1/projects/${(project.json() as { id: string }).id}/problems`;
    const body = { title: '施工用电增容未落实', description: '设备安装需增容至 2000kVA。', categoryId: t.d.categoryId };
    const key = `problem-${unique()}`;
    const first = await post('handlerB', url, body, key);
    expect(first.statusCode, first.body).toBe(201);
    const problems = await count('project_problems');
    expectReplay(first, await post('handlerB', url, body, key));
    expect(await count('project_problems')).toBe(problems);
    const other = expectProblem(await post('handlerB', url, { ...body, title: '另一个问题' }, key), 409);
    expect(other.code).toBe('idempotency.key_reused');
    expect(await count('project_problems')).toBe(problems);
    // Another key is another problem.
    expect((await post('handlerB', url, body, `problem-${unique()}`)).statusCode).toBe(201);
    expect(await count('project_problems')).toBe(problems + 1);

    // Planning milestones twice with one key plans them once.
    const plan = url.replace('/problems', '/milestones');
    const milestones = { milestones: [{ name: '主体结构封顶', dueOn: addDays(today, 100) }] };
    const planKey = `plan-${unique()}`;
    const planned = await post('dispatcher', plan, milestones, planKey);
    expect(planned.statusCode, planned.body).toBe(201);
    expectReplay(planned, await post('dispatcher', plan, milestones, planKey));
    const projectId = (project.json() as { id: string }).id;
    const rows = await t.api.db.selectFrom('project_milestones').select('id').where('project_id', '=', projectId).execute();
    expect(rows).toHaveLength(1);
  });

  it('registers an enterprise once, with its Location, when a retry repeats the key', async () => {
    const body = enterprise();
    const key = `enterprise-${unique()}`;
    const first = await post('admin', '/api/v1/enterprises', body, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post('admin', '/api/v1/enterprises', body, key);
    expectReplay(first, again);
    expect(again.headers['location']).toBe(first.headers['location']);
    expect(await count('enterprises', { column: 'credit_code', value: body.creditCode })).toBe(1);
  });

  it('creates once when eight requests with one key arrive together', async () => {
    const body = enterprise();
    const key = `together-${unique()}`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => post('admin', '/api/v1/enterprises', body, key)));
    expect(await count('enterprises', { column: 'credit_code', value: body.creditCode })).toBe(1);
    // Each is the first answer, its replay, or "still running, retry": never a second enterprise.
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect((a.json() as { code: string }).code).toBe('idempotency.in_progress');
    const ids = new Set(answers.filter((a) => a.statusCode === 201).map((a) => (a.json() as { id: string }).id));
    expect(ids.size).toBe(1);
    // Once the first has answered, a retry is its replay.
    const after = await post('admin', '/api/v1/enterprises', body, key);
    expect(after.statusCode).toBe(201);
    expect((after.json() as { id: string }).id).toBe([...ids][0]);
  });

  it('answers 409 with Retry-After while the first request holds the key, and takes over a claim left for a minute', async () => {
    const body = enterprise();
    const key = `held-${unique()}`;
    const admin = await t.api.db.selectFrom('accounts').select('id').where('login', '=', t.d.people.admin.login).executeTakeFirstOrThrow();
    // A claim as a request still running holds it (same route and body: only the hash matters).
    const first = await post('admin', '/api/v1/enterprises', body, key);
    expect(first.statusCode).toBe(201);
    await t.api.db.updateTable('idempotent_requests').set({ status: null, response: null }).where('account_id', '=', admin.id).where('key', '=', key).execute();
    const holding = await post('admin', '/api/v1/enterprises', body, key);
    expect(expectProblem(holding, 409).code).toBe('idempotency.in_progress');
    expect(holding.headers['retry-after']).toBe('1');
    // Its process died a minute ago: a retry takes the key over and runs (here refused, as the
    // first did create: a real retry after a crash could not know).
    await t.api.db
      .updateTable('idempotent_requests')
      .set({ created_at: new Date(Date.now() - 61_000) })
      .where('account_id', '=', admin.id)
      .where('key', '=', key)
      .execute();
    const retried = await post('admin', '/api/v1/enterprises', body, key);
    expect(expectProblem(retried, 409).code).toBe('enterprise.credit_code_taken');
    // The refusal freed the key; the corrected request is answered and kept.
    const corrected = enterprise();
    expect((await post('admin', '/api/v1/enterprises', corrected, key)).statusCode).toBe(201);
    const replayed = await post('admin', '/api/v1/enterprises', corrected, key);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
  });

  it('keeps no refusal: the key is free again for the corrected request', async () => {
    const taken = enterprise();
    expect((await t.api.call(t.as('admin'), 'POST', '/api/v1/enterprises', taken)).statusCode).toBe(201);
    const key = `refused-${unique()}`;
    const refused = expectProblem(await post('admin', '/api/v1/enterprises', { ...enterprise(), creditCode: taken.creditCode }, key), 409);
    expect(refused.code).toBe('enterprise.credit_code_taken');
    const corrected = enterprise();
    expect((await post('admin', '/api/v1/enterprises', corrected, key)).statusCode).toBe(201);
    expect(await count('enterprises', { column: 'credit_code', value: corrected.creditCode })).toBe(1);
  });

  it('generates a bulletin once per key, and keeps keys apart per account', async () => {
    const bulletins = await count('bulletins');
    const key = `bulletin-${unique()}`;
    const first = await post('supervisor', '/api/v1/bulletins', { period: '2026-03-H1', revision: true }, key);
    expect(first.statusCode, first.body).toBe(201);
    expectReplay(first, await post('supervisor', '/api/v1/bulletins', { period: '2026-03-H1', revision: true }, key));
    expect(await count('bulletins')).toBe(bulletins + 1);
    // The same key from another account is that account's own.
    const admins = await post('admin', '/api/v1/bulletins', { period: '2026-03-H1', revision: true }, key);
    expect(admins.statusCode, admins.body).toBe(201);
    expect(admins.headers['idempotent-replayed']).toBeUndefined();
    expect(await count('bulletins')).toBe(bulletins + 2);
  });

  it('forgets a key after a day: the daily sweep removes it, and the key then creates anew', async () => {
    const body = enterprise();
    const key = `aged-${unique()}`;
    expect((await post('admin', '/api/v1/enterprises', body, key)).statusCode).toBe(201);
    const fresh = enterprise();
    const freshKey = `fresh-${unique()}`;
    expect((await post('admin', '/api/v1/enterprises', fresh, freshKey)).statusCode).toBe(201);
    await t.api.db
      .updateTable('idempotent_requests')
      .set({ created_at: new Date(Date.now() - 25 * 3_600_000) })
      .where('key', '=', key)
      .execute();
    expect(await sweepKeys(t.api.db)).toBeGreaterThanOrEqual(1);
    const left = await t.api.db.selectFrom('idempotent_requests').select('key').where('key', 'in', [key, freshKey]).execute();
    expect(left.map((r) => r.key)).toEqual([freshKey]);
    // The same key with another body is no longer a conflict: it was forgotten.
    expect((await post('admin', '/api/v1/enterprises', enterprise(), key)).statusCode).toBe(201);
  });

  it('refuses a malformed key with 400 naming the header, creating nothing', async () => {
    const body = enterprise();
    const res = expectProblem(await post('admin', '/api/v1/enterprises', body, 'short'), 400);
    expect(JSON.stringify(res)).toContain('idempotency-key');
    expect(await count('enterprises', { column: 'credit_code', value: body.creditCode })).toBe(0);
  });

  it('declares the header on every create in the API document', async () => {
    await t.api.app.ready();
    const spec = t.api.app.swagger() as { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>> };
    const creates = [
      '/api/v1/issues',
      '/api/v1/projects',
      '/api/v1/projects/{id}/problems',
      '/api/v1/projects/{id}/milestones',
      '/api/v1/projects/{id}/reports',
      '/api/v1/appeals',
      '/api/v1/issues/{id}/supervision-orders',
      '/api/v1/problem-clusters/governance-tasks',
      '/api/v1/enterprises',
      '/api/v1/enterprises/{id}/accounts',
      '/api/v1/bulletins',
    ];
    for (const path of creates) {
      const names = (spec.paths[path]?.['post']?.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      expect(names, path).toContain('idempotency-key');
    }
  });
  it('stores a retried upload once: the same file under one key is the first attachment again, another file a 409', async () => {
    const key = `upload-${unique()}`;
    const pdf = Buffer.from(`%PDF-1.4\n% ${unique()}\n%%EOF\n`);
    const uploads = async () =>
      Number(
        (
          await t.api.db
            .selectFrom('attachments')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('sha256', '=', createHash('sha256').update(pdf).digest('hex'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const first = await t.upload('entA', '营业执照.pdf', pdf, 'file', { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(201);
    expectReplay(first, await t.upload('entA', '营业执照.pdf', pdf, 'file', { 'idempotency-key': key }));
    expect(await uploads()).toBe(1);
    const other = await t.upload('entA', '营业执照.pdf', Buffer.concat([pdf, Buffer.from('x')]), 'file', { 'idempotency-key': key });
    expect(expectProblem(other, 409).code).toBe('idempotency.key_reused');
    // The key is the account's: another account's upload with it is its own.
    expect((await t.upload('entB', '营业执照.pdf', pdf, 'file', { 'idempotency-key': key })).statusCode).toBe(201);
    expect(await uploads()).toBe(2);
  });
});
