import { XMLParser } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, openDistrict, type E2eDistrict, type Who } from './e2e-district.ts';

// Open311 GeoReport v2 (docs/api.md#open311), as a 311 client speaks it: form-encoded posts,
// `.json` and `.xml` resources, the standard's error lists.

let t: E2eDistrict;
let categoryCode: string;
beforeAll(async () => {
  t = await openDistrict();
  categoryCode = (await t.api.db.selectFrom('categories').select('code').where('id', '=', t.d.categoryId).executeTakeFirstOrThrow()).code;
});
afterAll(() => t.close());

const xml = new XMLParser({ parseTagValue: false });
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (path: string, fields: Record<string, string>): Promise<LightMyRequestResponse> =>
  t.api.app.inject({ method: 'POST', url: `/open311/v2/${path}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(fields) });
const get = (path: string) => t.api.app.inject({ method: 'GET', url: `/open311/v2/${path}` });

async function issueKey(who: Who, enterpriseId: string, body: object = { name: '企业 ERP' }) {
  const res = await t.api.call(t.as(who), 'POST', `/api/v1/enterprises/${enterpriseId}/api-keys`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; key: string; prefix: string; accountId: string };
}
const issueCount = async () =>
  Number(
    (
      await t.api.db
        .selectFrom('issues')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('enterprise_id', '=', t.d.entA.id)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The standard's error list, in JSON. */
function expectErrors(res: LightMyRequestResponse, status: number): string[] {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as Array<{ code: number; description: string }>;
  expect(body.length).toBeGreaterThan(0);
  for (const e of body) expect(e.code).toBe(status);
  return body.map((e) => e.description);
}

describe('API keys', () => {
  it('are shown once, kept only as a hash, listed without the key, and revoked at once', async () => {
    const issued = await issueKey('entA', t.d.entA.id);
    expect(issued.key).toMatch(/^hy_[\w-]{40,}$/);
    expect(issued.key.startsWith(issued.prefix)).toBe(true);
    const row = await t.api.db.selectFrom('api_keys').selectAll().where('id', '=', issued.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(issued.key);
    const list = await t.api.call(t.as('entA'), 'GET', `/api/v1/enterprises/${t.d.entA.id}/api-keys`);
    expect(list.body).not.toContain(issued.key);
    expect((list.json() as { items: Array<{ id: string }> }).items.map((k) => k.id)).toContain(issued.id);

    // Another enterprise, or an official other than an admin, learns nothing of them.
    expectProblem(await t.api.call(t.as('entB'), 'POST', `/api/v1/enterprises/${t.d.entA.id}/api-keys`, { name: '冒名' }), 404);
    expectProblem(await t.api.call(t.as('dispatcher'), 'GET', `/api/v1/enterprises/${t.d.entA.id}/api-keys`), 404);
    expectProblem(await t.api.call(t.as('entA'), 'POST', `/api/v1/enterprises/${t.d.entA.id}/api-keys`, { name: 'x', owner: 'me' }), 400);

    expect((await get(`requests.json?api_key=${issued.key}`)).statusCode).toBe(200);
    expect((await t.api.call(t.as('entB'), 'DELETE', `/api/v1/enterprises/${t.d.entA.id}/api-keys/${issued.id}`)).statusCode).toBe(404);
    expect((await t.api.call(t.as('entA'), 'DELETE', `/api/v1/enterprises/${t.d.entA.id}/api-keys/${issued.id}`)).statusCode).toBe(204);
    expect(expectErrors(await get(`requests.json?api_key=${issued.key}`), 403)[0]).toContain('revoked');
  });

  it('issued by an admin act as the enterprise’s account', async () => {
    const issued = await issueKey('admin', t.d.entA.id, { name: '对接平台' });
    const account = await t.api.db.selectFrom('accounts').select('enterprise_id').where('id', '=', issued.accountId).executeTakeFirstOrThrow();
    expect(account.enterprise_id).toBe(t.d.entA.id);
  });
});

describe('Open311 GeoReport v2', () => {
  it('describes itself and its services in JSON and XML', async () => {
    const discovery = (await get('discovery.json')).json() as { endpoints: Array<{ specification: string; url: string; formats: string[] }> };
    expect(discovery.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', formats: ['application/json', 'text/xml'] });
    expect(discovery.endpoints[0]?.url).toMatch(/\/open311\/v2$/);

    const services = (await get('services.json')).json() as Array<{ service_code: string; service_name: string; metadata: boolean; type: string }>;
    expect(services).toContainEqual(expect.objectContaining({ service_code: categoryCode, metadata: false, type: 'realtime' }));
    const asXml = await get('services.xml');
    expect(asXml.headers['content-type']).toMatch(/^text\/xml/);
    const parsed = xml.parse(asXml.body) as { services: { service: Array<{ service_code: string }> | { service_code: string } } };
    const listed = [parsed.services.service].flat().map((s) => s.service_code);
    expect(listed).toEqual(services.map((s) => s.service_code));

    const definition = xml.parse((await get(`services/${categoryCode}.xml`)).body) as { service_definition: { service_code: string } };
    expect(definition.service_definition.service_code).toBe(categoryCode);
    expectErrors(await get('services/no-such-service.json'), 404);
  });

  it('files a request with the key as its enterprise, keeps every field it was given, and reads it back', async () => {
    const { key } = await issueKey('entA', t.d.entA.id);
    const res = await post('requests.json', {
      api_key: key,
      jurisdiction_id: 'jichuan',
      service_code: categoryCode,
      description: '厂区东门路灯全部不亮\n夜间货车进出存在安全隐患。',
      lat: '34.6197',
      long: '112.4540',
      address_string: '霁川区工业园东门',
      first_name: '张',
      last_name: '伟',
      phone: '13800001234',
      email: 'zhang@ent.test',
      media_url: 'https://ent.test/photo.jpg',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [ack] = res.json() as Array<{ service_request_id: string; service_notice: string }>;
    expect(ack?.service_notice).toContain(ack?.service_request_id ?? '-');

    const issue = await t.api.db
      .selectFrom('issues')
      .selectAll()
      .where('number', '=', ack?.service_request_id ?? '')
      .executeTakeFirstOrThrow();
    expect(issue).toMatchObject({ enterprise_id: t.d.entA.id, channel: 'open311', title: '厂区东门路灯全部不亮', state: 'submitted' });
    for (const kept of ['霁川区工业园东门', '34.6197, 112.454', '张 伟', '13800001234', 'zhang@ent.test', 'https://ent.test/photo.jpg']) expect(issue.description).toContain(kept);
    // The district sees it as any other filing: in the listing queue.
    const queue = (await t.get('dispatcher', '/api/v1/listing-queue?limit=500')).json() as { items: Array<{ id: string }> };
    expect(queue.items.map((i) => i.id)).toContain(issue.id);

    const one = (await get(`requests/${ack?.service_request_id}.json?api_key=${key}`)).json() as Array<Record<string, string>>;
    expect(one).toEqual([
      expect.objectContaining({
        service_request_id: ack?.service_request_id,
        status: 'open',
        service_code: categoryCode,
        description: issue.description,
        requested_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
      }),
    ]);
    const listed = xml.parse((await get(`requests.xml?api_key=${key}&service_request_id=${ack?.service_request_id}`)).body) as {
      service_requests: { request: { service_request_id: string; status: string } };
    };
    expect(listed.service_requests.request).toMatchObject({ service_request_id: ack?.service_request_id, status: 'open' });
    const closed = (await get(`requests.json?api_key=${key}&status=closed`)).json() as Array<{ service_request_id: string }>;
    expect(closed.map((r) => r.service_request_id)).not.toContain(ack?.service_request_id);
    const open = (await get(`requests.json?api_key=${key}&status=open&service_code=${categoryCode}`)).json() as Array<{ service_request_id: string }>;
    expect(open.map((r) => r.service_request_id)).toContain(ack?.service_request_id);

    // Another enterprise's key does not find it.
    const other = await issueKey('entB', t.d.entB.id);
    expectErrors(await get(`requests/${ack?.service_request_id}.json?api_key=${other.key}`), 404);
    const theirs = (await get(`requests.json?api_key=${other.key}&service_request_id=${ack?.service_request_id}`)).json() as unknown[];
    expect(theirs).toEqual([]);
  });

  it('refuses in the standard’s error list, and writes nothing', async () => {
    const { key } = await issueKey('entA', t.d.entA.id);
    const before = await issueCount();
    expect(expectErrors(await post('requests.json', { service_code: categoryCode, description: '无密钥' }), 403)[0]).toContain('api_key');
    expectErrors(await post('requests.json', { api_key: 'hy_not-a-key', service_code: categoryCode, description: '伪造密钥' }), 403);
    expect(expectErrors(await post('requests.json', { api_key: key, service_code: 'no-such-service', description: '未知服务' }), 400)[0]).toContain('service_code');
    expect(expectErrors(await post('requests.json', { api_key: key, service_code: categoryCode }), 400).join(' ')).toContain('description');
    expect(expectErrors(await post('requests.json', { api_key: key, service_code: categoryCode, description: '带属性', 'attribute[depth]': '3' }), 400).join(' ')).toContain('attribute[depth]');
    expect(expectErrors(await post('requests.json', { api_key: key, service_code: categoryCode, description: '坐标越界', lat: '123' }), 400).join(' ')).toContain('lat');
    const inXml = await post('requests.xml', { service_code: categoryCode, description: '无密钥' });
    expect(inXml.statusCode).toBe(403);
    const errors = xml.parse(inXml.body) as { errors: { error: { code: string; description: string } } };
    expect(errors.errors.error.code).toBe('403');
    expectErrors(await get(`requests.json?api_key=${key}&start_date=2026-13-01T00:00:00Z`), 400);
    expectErrors(await get('tokens/abc.json'), 404);
    expect(await issueCount()).toBe(before);
  });

  it('files once for a retried post with the same Idempotency-Key', async () => {
    const { key } = await issueKey('entA', t.d.entA.id);
    const before = await issueCount();
    const send = () =>
      t.api.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': `open311-retry-${key.slice(3, 15)}` },
        payload: form({ api_key: key, service_code: categoryCode, description: '重试只受理一次' }),
      });
    const first = (await send()).json() as Array<{ service_request_id: string }>;
    const again = (await send()).json() as Array<{ service_request_id: string }>;
    expect(again[0]?.service_request_id).toBe(first[0]?.service_request_id);
    expect(await issueCount()).toBe(before + 1);
  });
});
