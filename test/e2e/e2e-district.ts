import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';

/** Everyone in a small district who can sign in. */
export type Who = keyof SmallDistrict['people'] | 'entA' | 'entB';

/** What an issue action answers with. */
export type ActionResult = { id: string; number: string; state: string; version: number; statusNote: string; event: string; handlingDueAt: string | null; claimDueAt: string | null };

export type Filed = { id: string; number: string; state: string; version: number };

export type E2eDistrict = Awaited<ReturnType<typeof openDistrict>>;

/**
 * The real API on the file's shared database (run-scope.ts) with one small district, every account signed in, and the
 * few verbs the suites share. Each test file opens its own, so files run in parallel.
 */
export async function openDistrict(overrides: Record<string, string> = {}) {
  const api: TestApi = await startApi(overrides);
  const d = await createDistrict(api.db);
  const tokens = new Map<Who, string>();
  const accounts = { ...d.people, entA: d.entA, entB: d.entB };
  for (const [who, p] of Object.entries(accounts)) tokens.set(who as Who, await api.login(p.login));
  const as = (who: Who) => tokens.get(who) ?? '';
  /** After a password change ended `who`'s sessions: the new session's token. */
  const useToken = (who: Who, token: string) => void tokens.set(who, token);
  const accountIds = async () =>
    (
      await api.db
        .selectFrom('accounts')
        .select('id')
        .where(
          'login',
          'in',
          Object.values(accounts).map((p) => p.login),
        )
        .execute()
    ).map((r) => r.id);

  const fileRaw = (who: Who, body: object = {}, headers: Record<string, string> = {}) =>
    api.call(as(who), 'POST', '/api/v1/issues', { categoryId: d.categoryId, title: '厂区东侧道路未通电', description: '二期厂房已建成，道路照明和动力电未接通，影响设备调试。', ...body }, headers);

  async function file(who: Who = 'entA', body: object = {}): Promise<Filed> {
    const res = await fileRaw(who, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Filed;
  }

  const act = (who: Who, id: string, action: string, body: object = {}) => api.call(as(who), 'POST', `/api/v1/issues/${id}/${action}`, body);

  async function ok(who: Who, id: string, action: string, body: object = {}): Promise<ActionResult> {
    const res = await act(who, id, action, body);
    expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
    return res.json() as ActionResult;
  }

  const get = (who: Who | null, url: string) => api.call(who ? as(who) : null, 'GET', url);

  /** Filed by entA (or `who`), listed with the assignment's defaults (or `listing`) and dispatched. */
  async function dispatched(who: Who = 'entA', listing: object = {}): Promise<Filed> {
    const issue = await file(who);
    await ok('dispatcher', issue.id, 'list', listing);
    await ok('dispatcher', issue.id, 'dispatch');
    return issue;
  }

  /** Dispatched, claimed by handler A and first contact recorded: ready to work on. */
  async function inProgress(listing: object = {}): Promise<Filed> {
    const issue = await dispatched('entA', listing);
    await ok('handlerA', issue.id, 'claim');
    await ok('handlerA', issue.id, 'first-contact', { channel: 'phone', note: '已电话联系企业负责人' });
    return issue;
  }

  /** One file upload through multipart/form-data, built by hand. */
  function upload(who: Who, filename: string, content: Buffer, field = 'file', headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const boundary = `----huiyin-${randomUUID()}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return api.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { authorization: `Bearer ${as(who)}`, 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers },
      payload,
    });
  }

  /** Rows this district owns in each table the engine writes, for before/after comparisons. */
  async function counts() {
    const db = api.db;
    const enterpriseIds = [d.entA.id, d.entB.id];
    const issueIds = db.selectFrom('issues').select('id').where('enterprise_id', 'in', enterpriseIds);
    const n = (r: { n: string | number | bigint }) => Number(r.n);
    const mine = await accountIds();
    const [issues, events, outbox, attachments, enterprises, keys] = await Promise.all([
      db
        .selectFrom('issues')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('enterprise_id', 'in', enterpriseIds)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('issue_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('issue_id', 'in', issueIds)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('issue_id', 'in', issueIds)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('attachments')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('uploaded_by', 'in', mine)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('enterprises')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('name', 'like', `%${d.tag}%`)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('idempotency_keys')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('account_id', 'in', mine)
        .executeTakeFirstOrThrow(),
    ]);
    return { issues: n(issues), events: n(events), outbox: n(outbox), attachments: n(attachments), enterprises: n(enterprises), idempotencyKeys: n(keys) };
  }

  /** Runs the request and checks that the district's rows are the same before and after. */
  async function writesNothing<T>(request: () => Promise<T>): Promise<T> {
    const before = await counts();
    const result = await request();
    expect(await counts()).toEqual(before);
    return result;
  }

  return { api, d, as, useToken, file, fileRaw, act, ok, get, dispatched, inProgress, upload, counts, writesNothing, accountIds, close: () => api.close() };
}

/** A refusal as RFC 9457 problem+json; returns the parsed body. */
export function expectProblem(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as { status: number; title: string; code?: string; errors?: Array<{ field: string; message: string }>; [k: string]: unknown };
  expect(body.status).toBe(status);
  return body;
}

/** The fields a problem names in `errors[]`. */
export const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);

/** A small, real PDF head: enough for the type sniffing. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
