import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshCreditCode, unique } from '../support/district.ts';
import { PDF, expectProblem, fieldsOf, openDistrict, type E2eDistrict } from './e2e-district.ts';

const ATTACHMENTS_DIR = `.data/test-attachments/bad-input-${unique()}`;
let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict({ ATTACHMENT_MAX_BYTES: '1024', ATTACHMENTS_DIR });
});
afterAll(async () => {
  await t.close();
  await rm(ATTACHMENTS_DIR, { recursive: true, force: true });
});

const writesNothing = <T>(request: () => Promise<T>) => t.writesNothing(request);

/** Every file under the attachments directory, temporary ones included. */
async function storedFiles(): Promise<string[]> {
  try {
    const entries = await readdir(ATTACHMENTS_DIR, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort();
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return [];
    throw e;
  }
}

const enterprise = (overrides: object = {}) => ({
  name: `青禾精密-${t.d.tag}-${unique()}`,
  creditCode: freshCreditCode(),
  isKey: true,
  industry: '先进装备制造',
  address: '霁川区经开路 8 号',
  contacts: [{ name: '王经理', role: '总经理', phone: '13800000001', email: 'wang@qinghe.test' }],
  ...overrides,
});

describe('enterprise registration', () => {
  it('refuses a credit code with a wrong check character: 400 naming creditCode, nothing written', async () => {
    const valid = freshCreditCode();
    const last = valid.at(-1) ?? '0';
    const wrong = valid.slice(0, 17) + (last === '1' ? '2' : '1');
    const res = await writesNothing(() => t.api.call(t.as('admin'), 'POST', '/api/v1/enterprises', enterprise({ creditCode: wrong })));
    const problem = expectProblem(res, 400);
    expect(fieldsOf(problem)).toEqual(['creditCode']);
    expect(problem.errors?.[0]?.message).toContain('check character');
  });

  it('refuses a credit code already registered with 409, nothing written', async () => {
    const code = freshCreditCode();
    const first = await t.api.call(t.as('admin'), 'POST', '/api/v1/enterprises', enterprise({ creditCode: code }));
    expect(first.statusCode, first.body).toBe(201);
    const res = await writesNothing(() => t.api.call(t.as('admin'), 'POST', '/api/v1/enterprises', enterprise({ creditCode: code.toLowerCase() })));
    const problem = expectProblem(res, 409);
    expect(problem.code).toBe('enterprise.credit_code_taken');
    expect(fieldsOf(problem)).toEqual(['creditCode']);
  });

  it('answers two racing registrations of one credit code with one 201 and one 409, never a 500', async () => {
    const code = freshCreditCode();
    const results = await Promise.all([0, 1, 2].map(() => t.api.call(t.as('admin'), 'POST', '/api/v1/enterprises', enterprise({ creditCode: code }))));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(expectProblem(r, 409).code).toBe('enterprise.credit_code_taken');
    expect(await t.api.db.selectFrom('enterprises').select('id').where('credit_code', '=', code).execute()).toHaveLength(1);
  });

  it('answers racing requests for one account login with one 201 and 409s, never a 500', async () => {
    const login = `qinghe-${unique()}`;
    const results = await Promise.all([0, 1, 2].map(() => t.api.call(t.as('admin'), 'POST', `/api/v1/enterprises/${t.d.entA.id}/accounts`, { login, password: 'a long enough password' })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(fieldsOf(expectProblem(r, 409))).toEqual(['login']);
    expect(await t.api.db.selectFrom('accounts').select('id').where('login', '=', login).execute()).toHaveLength(1);
  });

  it('is for admins only: an enterprise and a dispatcher get 403, nothing written', async () => {
    for (const who of ['entA', 'dispatcher'] as const) {
      const res = await writesNothing(() => t.api.call(t.as(who), 'POST', '/api/v1/enterprises', enterprise()));
      expect(expectProblem(res, 403).code).toBe('auth.forbidden');
    }
  });
});

describe('filing', () => {
  it('answers an unknown categoryId with 422 naming it, and writes no issue', async () => {
    const res = await writesNothing(() => t.fileRaw('entA', { categoryId: t.d.newId() }));
    const problem = expectProblem(res, 422);
    expect(problem.code).toBe('reference.unknown');
    expect(fieldsOf(problem)).toEqual(['categoryId']);
  });

  it('names each missing, empty or mistyped field with 400', async () => {
    const cases: Array<[object, string[]]> = [
      [{ title: undefined }, ['title']],
      [{ description: '' }, ['description']],
      [{ description: '   ' }, ['description']],
      [{ title: 42 }, ['title']],
      [{ categoryId: 'not-a-uuid' }, ['categoryId']],
      [{ attachmentIds: 'abc' }, ['attachmentIds']],
      [{ attachmentIds: ['nope'] }, ['attachmentIds.0']],
      [{ channel: 'fax' }, ['channel']],
      [{ title: '', description: 7 }, ['title', 'description']],
    ];
    for (const [body, fields] of cases) {
      const res = await writesNothing(() => t.fileRaw('entA', body));
      const problem = expectProblem(res, 400);
      expect(problem.code, JSON.stringify(body)).toBe('validation.failed');
      expect(fieldsOf(problem).sort(), JSON.stringify(body)).toEqual([...fields].sort());
    }
  });

  it('refuses an enterprise filing for another enterprise: 400 naming enterpriseId', async () => {
    const res = await writesNothing(() => t.fileRaw('entA', { enterpriseId: t.d.entB.id }));
    expect(fieldsOf(expectProblem(res, 400))).toEqual(['enterpriseId']);
  });

  it('refuses a NUL character anywhere in a body, a query or a path with 400 naming where, never a 500', async () => {
    const title = await writesNothing(() => t.fileRaw('entA', { title: '道路\u0000未通电' }));
    expect(fieldsOf(expectProblem(title, 400))).toEqual(['title']);
    const issue = await t.inProgress();
    const reply = await writesNothing(() => t.act('handlerA', issue.id, 'interim-reply', { text: '已协调\u0000供电公司' }));
    expect(fieldsOf(expectProblem(reply, 400))).toEqual(['text']);
    const query = await t.get('handlerA', `/api/v1/issues?state=${encodeURIComponent('listed\u0000')}`);
    expect(fieldsOf(expectProblem(query, 400))).toEqual(['querystring.state']);
    const path = await t.get('handlerA', `/api/v1/issues/${encodeURIComponent('\u0000')}`);
    expect(fieldsOf(expectProblem(path, 400))).toEqual(['params.id']);
  });

  it('answers malformed JSON with 400 problem+json and writes nothing', async () => {
    const res = await writesNothing(() =>
      t.api.app.inject({ method: 'POST', url: '/api/v1/issues', headers: { authorization: `Bearer ${t.as('entA')}`, 'content-type': 'application/json' }, payload: '{"categoryId": "x", "title": ' }),
    );
    expectProblem(res, 400);
  });

  it("refuses an attachment id that is someone else's or already attached: 422 naming attachmentIds, no issue", async () => {
    const theirs = await t.upload('entB', '报价单.pdf', PDF);
    expect(theirs.statusCode, theirs.body).toBe(201);
    const mine = await t.upload('entA', '图纸.pdf', PDF);
    expect(mine.statusCode, mine.body).toBe(201);
    const theirId = (theirs.json() as { id: string }).id;
    const myId = (mine.json() as { id: string }).id;

    const foreign = expectProblem(await writesNothing(() => t.fileRaw('entA', { attachmentIds: [theirId] })), 422);
    expect(fieldsOf(foreign)).toEqual(['attachmentIds']);
    const unknown = expectProblem(await writesNothing(() => t.fileRaw('entA', { attachmentIds: [t.d.newId()] })), 422);
    expect(fieldsOf(unknown)).toEqual(['attachmentIds']);

    const first = await t.file('entA', { attachmentIds: [myId] });
    const again = expectProblem(await writesNothing(() => t.fileRaw('entA', { attachmentIds: [myId] })), 422);
    expect(fieldsOf(again)).toEqual(['attachmentIds']);
    // The refused filing took nothing away from the first issue, and left the other upload free.
    const row = await t.api.db.selectFrom('attachments').select(['id', 'issue_id']).where('id', 'in', [myId, theirId]).orderBy('id').execute();
    expect(Object.fromEntries(row.map((r) => [r.id, r.issue_id]))).toEqual({ [myId]: first.id, [theirId]: null });
  });
});

describe('paths and actions', () => {
  it('answers a path id that is not a uuid with 400, for reads and actions alike', async () => {
    const read = expectProblem(await t.get('entA', '/api/v1/issues/12345'), 400);
    expect(fieldsOf(read)).toEqual(['params.id']);
    const action = expectProblem(await writesNothing(() => t.act('entA', 'not-a-uuid', 'withdraw', { reason: '撤回' })), 400);
    expect(fieldsOf(action)).toEqual(['params.id']);
    expect(fieldsOf(expectProblem(await t.get('entA', '/api/v1/attachments/x'), 400))).toEqual(['params.id']);
  });

  it('answers a forged or damaged list cursor with 400 naming cursor, never a 500', async () => {
    const cursor = (text: string) => Buffer.from(text).toString('base64url');
    const forged = [
      `/api/v1/issues?cursor=${cursor(`2026-01-01T00:00:00.000Z|${'-'.repeat(36)}`)}`,
      `/api/v1/issues?cursor=${cursor(`2026-01-01T00:00:00.000Z|${'z'.repeat(36)}`)}`,
      `/api/v1/issues?cursor=${cursor(`-271821-04-20T00:00:00.000Z|${t.d.newId()}`)}`,
      `/api/v1/issues?cursor=${cursor('not a cursor')}`,
      '/api/v1/enterprises?cursor=-5',
      '/api/v1/enterprises?cursor=1e400',
      '/api/v1/enterprises?cursor=abc',
    ];
    for (const url of forged) expect(fieldsOf(expectProblem(await t.get('dispatcher', url), 400)), url).toEqual(['cursor']);
  });

  it('follows the cursors it gives out to the next page (the control for the forged ones)', async () => {
    await t.file('entB');
    await t.file('entB');
    const first = await t.get('entB', '/api/v1/issues?limit=1');
    const page1 = first.json() as { items: Array<{ id: string }>; nextCursor: string | null };
    expect(page1.nextCursor).not.toBeNull();
    const second = await t.get('entB', `/api/v1/issues?limit=1&cursor=${page1.nextCursor ?? ''}`);
    expect(second.statusCode, second.body).toBe(200);
    const page2 = second.json() as { items: Array<{ id: string }> };
    expect(page2.items).toHaveLength(1);
    expect(page2.items[0]?.id).not.toBe(page1.items[0]?.id);
    const enterprises = await t.get('dispatcher', '/api/v1/enterprises?limit=1');
    const next = (enterprises.json() as { nextCursor: string | null }).nextCursor;
    expect((await t.get('dispatcher', `/api/v1/enterprises?limit=1&cursor=${next ?? ''}`)).statusCode).toBe(200);
  });

  it('refuses listing a milestone due in the past: 400 naming milestones.0.dueAt, nothing written', async () => {
    const issue = await t.file('entA');
    const res = await writesNothing(() => t.act('dispatcher', issue.id, 'list', { milestones: [{ title: '现场勘查', dueAt: new Date(Date.now() - 60_000).toISOString() }] }));
    expect(fieldsOf(expectProblem(res, 400))).toEqual(['milestones.0.dueAt']);
    expect((await t.get('dispatcher', `/api/v1/issues/${issue.id}`)).json()).toMatchObject({ state: 'submitted', version: 1, milestones: [] });
  });

  it('refuses an upheld return ruling without leadUnitId: 400 naming it, nothing written', async () => {
    const issue = await t.dispatched();
    await t.ok('handlerA', issue.id, 'return', { reason: '不属于本局职责' });
    const res = await writesNothing(() => t.act('dispatcher', issue.id, 'rule-return', { upheld: true, note: '支持退单' }));
    expect(fieldsOf(expectProblem(res, 400))).toEqual(['leadUnitId']);
    const returns = await t.api.db.selectFrom('issue_returns').select(['upheld', 'ruled_at']).where('issue_id', '=', issue.id).execute();
    expect(returns).toEqual([{ upheld: null, ruled_at: null }]);
  });

  it('answers a listing naming an unknown unit with 422 naming the field', async () => {
    const issue = await t.file('entA');
    const lead = expectProblem(await writesNothing(() => t.act('dispatcher', issue.id, 'list', { leadUnitId: t.d.newId() })), 422);
    expect(fieldsOf(lead)).toEqual(['leadUnitId']);
    const assisting = expectProblem(await writesNothing(() => t.act('dispatcher', issue.id, 'list', { assistingUnitIds: [t.d.unitB, t.d.newId()] })), 422);
    expect(fieldsOf(assisting)).toEqual(['assistingUnitIds.1']);
  });
});

describe('attachments', () => {
  it('refuses a file over ATTACHMENT_MAX_BYTES with 413, leaving no row and no file', async () => {
    const files = await storedFiles();
    const big = Buffer.concat([PDF, Buffer.alloc(4096, 0x20)]);
    const res = await writesNothing(() => t.upload('entA', '大文件.pdf', big));
    const problem = expectProblem(res, 413);
    expect(problem.code).toBe('attachment.too_large');
    expect(fieldsOf(problem)).toEqual(['file']);
    expect(await storedFiles()).toEqual(files);
  });

  it('refuses a text file named .pdf with 415, leaving no row and no file', async () => {
    const files = await storedFiles();
    const res = await writesNothing(() => t.upload('entA', '合同.pdf', Buffer.from('just some text pretending to be a PDF\n')));
    const problem = expectProblem(res, 415);
    expect(problem.code).toBe('attachment.type_refused');
    expect(fieldsOf(problem)).toEqual(['file']);
    expect(await storedFiles()).toEqual(files);
  });

  it('answers a multipart body cut short or without a boundary with 400 naming file, leaving nothing', async () => {
    const files = await storedFiles();
    const send = (payload: Buffer, contentType: string) =>
      t.api.app.inject({ method: 'POST', url: '/api/v1/attachments', headers: { authorization: `Bearer ${t.as('entA')}`, 'content-type': contentType }, payload });
    const cutShort = Buffer.concat([Buffer.from('--cut\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'), PDF]);
    for (const [payload, type] of [
      [cutShort, 'multipart/form-data; boundary=cut'],
      [Buffer.from('garbage'), 'multipart/form-data; boundary=cut'],
      [PDF, 'multipart/form-data'],
    ] as const) {
      const res = await writesNothing(() => send(payload, type));
      expect(fieldsOf(expectProblem(res, 400)), type).toEqual(['file']);
    }
    expect(await storedFiles()).toEqual(files);
  });

  it('refuses an upload without a "file" field with 400', async () => {
    const res = await writesNothing(() => t.upload('entA', 'a.pdf', PDF, 'document'));
    expect(fieldsOf(expectProblem(res, 400))).toEqual(['file']);
  });

  it('stores a file just under the limit (the limit is not off by one)', async () => {
    const files = await storedFiles();
    const fits = Buffer.concat([PDF, Buffer.alloc(1024 - PDF.length, 0x20)]);
    const res = await t.upload('entA', '刚好.pdf', fits);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ sizeBytes: 1024, mediaType: 'application/pdf' });
    expect(await storedFiles()).toHaveLength(files.length + 1);
  });
});
