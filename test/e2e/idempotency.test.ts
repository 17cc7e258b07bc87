import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unique } from '../support/district.ts';
import { expectProblem, openDistrict, type E2eDistrict, type Who } from './e2e-district.ts';

let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict();
});
afterAll(() => t.close());

type Ack = { id: string; number: string; state: string; expectedDueAt: string };

const body = (title: string) => ({ categoryId: t.d.categoryId, title, description: '园区污水管网未接入市政管网，环评验收受阻。' });
const post = (who: Who, key: string, payload: object) => t.api.call(t.as(who), 'POST', '/api/v1/issues', payload, { 'idempotency-key': key });
const issuesTitled = (title: string) => t.api.db.selectFrom('issues').select(['id', 'number', 'enterprise_id']).where('title', '=', title).execute();

describe('Idempotency-Key on filing', () => {
  it('answers a retried request with the first issue: 201 then 200, one issue row', async () => {
    const key = `retry-${unique()}`;
    const title = `污水管网未接通-${unique()}`;
    const first = await post('entA', key, body(title));
    expect(first.statusCode, first.body).toBe(201);
    const second = await post('entA', key, body(title));
    expect(second.statusCode, second.body).toBe(200);
    const a = first.json() as Ack;
    const b = second.json() as Ack;
    expect(b).toMatchObject({ id: a.id, number: a.number, expectedDueAt: a.expectedDueAt });
    expect(second.headers['location']).toBe(`/api/v1/issues/${a.id}`);
    expect(await issuesTitled(title)).toHaveLength(1);
    // One acknowledgement mail and one ledger entry: the retry did nothing twice.
    const events = await t.api.db.selectFrom('issue_events').select('type').where('issue_id', '=', a.id).execute();
    expect(events.map((e) => e.type)).toEqual(['file']);
    const mails = await t.api.db.selectFrom('outbox').select('payload').where('issue_id', '=', a.id).execute();
    expect(mails.filter((m) => (m.payload as { subject: string }).subject.startsWith('【已受理】'))).toHaveLength(1);
  });

  it('treats a retry that lists the same fields in another order as the same request', async () => {
    const key = `order-${unique()}`;
    const title = `污水管网未接通-${unique()}`;
    const { categoryId, description } = body(title);
    const first = await post('entA', key, { categoryId, title, description });
    const second = await post('entA', key, { description, title, categoryId, channel: 'portal' });
    expect([first.statusCode, second.statusCode]).toEqual([201, 200]);
    expect((second.json() as Ack).id).toBe((first.json() as Ack).id);
    expect(await issuesTitled(title)).toHaveLength(1);
  });

  it('refuses the same key with another body with 409, and files nothing for it', async () => {
    const key = `reuse-${unique()}`;
    const title = `污水管网未接通-${unique()}`;
    expect((await post('entA', key, body(title))).statusCode).toBe(201);
    const other = `道路照明未接通-${unique()}`;
    const problem = expectProblem(await post('entA', key, body(other)), 409);
    expect(problem.code).toBe('idempotency.key_reused');
    expect(await issuesTitled(other)).toHaveLength(0);
    expect(await issuesTitled(title)).toHaveLength(1);
  });

  it('files exactly one issue for ten concurrent requests with one key, and all answer with it', async () => {
    const key = `burst-${unique()}`;
    const title = `污水管网未接通-${unique()}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => post('entA', key, body(title))));
    for (const r of results) expect([200, 201], r.body).toContain(r.statusCode);
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const acks = results.map((r) => r.json() as Ack);
    expect(new Set(acks.map((a) => a.id)).size).toBe(1);
    expect(new Set(acks.map((a) => a.number)).size).toBe(1);
    const rows = await issuesTitled(title);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(acks[0]?.id);
    const keys = await t.api.db.selectFrom('idempotency_keys').select('issue_id').where('key', '=', key).execute();
    expect(keys).toEqual([{ issue_id: rows[0]?.id }]);
  });

  it('lets different accounts use the same key independently', async () => {
    const key = `shared-${unique()}`;
    const title = `污水管网未接通-${unique()}`;
    const a = await post('entA', key, body(title));
    const b = await post('entB', key, body(title));
    expect(a.statusCode, a.body).toBe(201);
    expect(b.statusCode, b.body).toBe(201);
    expect((a.json() as Ack).id).not.toBe((b.json() as Ack).id);
    const rows = await issuesTitled(title);
    expect(rows.map((r) => r.enterprise_id).sort()).toEqual([t.d.entA.id, t.d.entB.id].sort());
    // Each account's retry still finds its own issue.
    const again = await post('entB', key, body(title));
    expect(again.statusCode).toBe(200);
    expect((again.json() as Ack).id).toBe((b.json() as Ack).id);
  });

  it('files a new issue each time without a key', async () => {
    const title = `污水管网未接通-${unique()}`;
    for (let i = 0; i < 2; i++) expect((await t.api.call(t.as('entA'), 'POST', '/api/v1/issues', body(title))).statusCode).toBe(201);
    expect(await issuesTitled(title)).toHaveLength(2);
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    const problem = expectProblem(await post('entA', 'short', body(`x-${unique()}`)), 400);
    expect(problem.errors?.map((e) => e.field)).toEqual(['headers.idempotency-key']);
  });
});
