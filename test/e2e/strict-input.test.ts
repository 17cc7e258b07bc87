import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unique } from '../support/district.ts';
import { PDF, expectProblem, fieldsOf, openDistrict, type E2eDistrict } from './e2e-district.ts';

// Input the API takes strictly (issue 17): unknown fields, bytes that are not UTF-8, text that
// cannot be stored or that displays as other text, Fastify's own refusals with a code, and
// anonymous callers refused before their body is read. Each refusal writes nothing.

const ATTACHMENTS_DIR = `.data/test-attachments/strict-input-${unique()}`;
let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict({ ATTACHMENTS_DIR });
});
afterAll(async () => {
  await t.close();
  await rm(ATTACHMENTS_DIR, { recursive: true, force: true });
});

const writesNothing = <T>(request: () => Promise<T>) => t.writesNothing(request);

/** A POST with a raw body, as a client that builds its own bytes sends it. */
const raw = (who: 'entA' | null, url: string, payload: string | Buffer, contentType = 'application/json') =>
  t.api.app.inject({ method: 'POST', url, headers: { ...(who ? { authorization: `Bearer ${t.as(who)}` } : {}), 'content-type': contentType }, payload });

const filing = (extra: object = {}) => ({ categoryId: t.d.categoryId, title: '厂区道路破损', description: '东门道路破损，货车无法通行', ...extra });

describe('unknown fields', () => {
  it('refuses a filing with a field it does not know, naming it, and files nothing', async () => {
    const res = expectProblem(await writesNothing(() => t.fileRaw('entA', filing({ priority: 'high', nested: { deep: { deeper: 1 } } }))), 400);
    expect(res.code).toBe('validation.failed');
    expect(fieldsOf(res).sort()).toEqual(['nested', 'priority']);
  });

  it('names an unknown field inside a list item by its path', async () => {
    const issue = await t.file('entA');
    const res = expectProblem(await writesNothing(() => t.act('dispatcher', issue.id, 'list', { milestones: [{ title: '完成勘测', dueAt: '2026-12-30T10:00:00+08:00', owner: '张三' }] })), 400);
    expect(fieldsOf(res)).toEqual(['milestones.0.owner']);
  });

  it('refuses an unknown field in an action body and in the sign-in body', async () => {
    const issue = await t.file('entA');
    expect(fieldsOf(expectProblem(await writesNothing(() => t.act('entA', issue.id, 'withdraw', { reason: '已自行解决', force: true })), 400))).toEqual(['force']);
    const login = await t.api.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'x', password: 'y', remember: true } });
    expect(fieldsOf(expectProblem(login, 400))).toEqual(['remember']);
  });
});

describe('text that cannot be stored, or shows as something else', () => {
  it('refuses a body that is not UTF-8 with 400 naming the body, instead of storing U+FFFD', async () => {
    const body = Buffer.concat([Buffer.from(`{"categoryId":"${t.d.categoryId}","title":"厂区`), Buffer.from([0xff, 0xfe]), Buffer.from('","description":"破损"}')]);
    const res = expectProblem(await writesNothing(() => raw('entA', '/api/v1/issues', body)), 400);
    expect(res.code).toBe('validation.invalid');
    expect(fieldsOf(res)).toEqual(['body']);
  });

  it('refuses a lone surrogate in any text with 400 naming the field (it was a 500)', async () => {
    const body = `{"categoryId":"${t.d.categoryId}","title":"厂区\\ud800道路","description":"破损"}`;
    const res = expectProblem(await writesNothing(() => raw('entA', '/api/v1/issues', body)), 400);
    expect(fieldsOf(res)).toEqual(['title']);
    // A pair is one character (an emoji), and is filed.
    const paired = await raw('entA', '/api/v1/issues', `{"categoryId":"${t.d.categoryId}","title":"厂区\\ud83d\\ude97道路","description":"破损"}`);
    expect(paired.statusCode, paired.body).toBe(201);
  });

  it('refuses a title of only zero-width characters, and bidirectional overrides in a title', async () => {
    for (const title of ['\u200b\u200c\ufeff', '\u200e\u200f', '\u3164\ufe0f', '\u{E0041}\u{E0042}']) {
      const empty = expectProblem(await writesNothing(() => t.fileRaw('entA', filing({ title }))), 400);
      expect(fieldsOf(empty), JSON.stringify(title)).toEqual(['title']);
    }
    const flipped = expectProblem(await writesNothing(() => t.fileRaw('entA', filing({ title: '发票\u202efdp.exe' }))), 400);
    expect(fieldsOf(flipped)).toEqual(['title']);
  });

  it('refuses an attachment whose name holds a NUL or a bidirectional override, storing nothing', async () => {
    const nul = expectProblem(await writesNothing(() => t.upload('entA', 'scan\u0000.pdf', PDF)), 400);
    expect(fieldsOf(nul)).toEqual(['file.filename']);
    const flipped = expectProblem(await writesNothing(() => t.upload('entA', 'invoice\u202efdp.exe', PDF)), 400);
    expect(fieldsOf(flipped)).toEqual(['file.filename']);
    expect((await t.upload('entA', '营业执照.pdf', PDF)).statusCode).toBe(201);
  });
});

describe('one range of dates for every route', () => {
  it('refuses a bulletin for a period in year 7383, and a milestone at 9999-12-31T23:59:59-23:59, naming each (both were written or a 500)', async () => {
    const bulletins = async () =>
      Number(
        (
          await t.api.db
            .selectFrom('bulletins')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await bulletins();
    const period = expectProblem(await t.api.call(t.as('supervisor'), 'POST', '/api/v1/bulletins', { period: '7383-08-H1' }), 400);
    expect(fieldsOf(period)).toEqual(['period']);
    expect(await bulletins()).toBe(before);
    const month = expectProblem(await t.get('supervisor', '/api/v1/reports/monthly-pack?month=1999-12'), 400);
    expect(fieldsOf(month)).toEqual(['querystring.month']);

    const issue = await t.file('entA');
    const far = { milestones: [{ title: '完成勘测', dueAt: '9999-12-31T23:59:59-23:59' }] };
    expect(fieldsOf(expectProblem(await writesNothing(() => t.act('dispatcher', issue.id, 'list', far)), 400))).toEqual(['milestones.0.dueAt']);
    const past = { milestones: [{ title: '完成勘测', dueAt: '2100-01-01T00:00:00+08:00' }] };
    expect(fieldsOf(expectProblem(await writesNothing(() => t.act('dispatcher', issue.id, 'list', past)), 400))).toEqual(['milestones.0.dueAt']);
    const offset = { milestones: [{ title: '完成勘测', dueAt: '2026-12-30T10:00:00+16:00' }] };
    expect(fieldsOf(expectProblem(await writesNothing(() => t.act('dispatcher', issue.id, 'list', offset)), 400))).toEqual(['milestones.0.dueAt']);
    const days = expectProblem(await t.get('admin', '/api/v1/calendar/days?from=1999-12-01&to=2000-01-05'), 400);
    expect(fieldsOf(days)).toEqual(['querystring.from']);
  });
});

describe("Fastify's own refusals, as problems with a code", () => {
  it('malformed JSON, an empty JSON body, another media type, a body over the limit', async () => {
    const malformed = expectProblem(await writesNothing(() => raw('entA', '/api/v1/issues', '{"title": ')), 400);
    expect(malformed.code).toBe('request.malformed');
    expect(malformed.title).toBe('Malformed request');
    const empty = expectProblem(await writesNothing(() => raw('entA', '/api/v1/issues', '')), 400);
    expect(empty.code).toBe('request.malformed');
    const text = expectProblem(await writesNothing(() => raw('entA', '/api/v1/issues', 'title=x', 'text/plain')), 415);
    expect(text.code).toBe('request.unsupported_media_type');
    const boundary = 'huiyin-strict';
    const form = `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--${boundary}--\r\n`;
    const multipart = expectProblem(await writesNothing(() => raw('entA', '/api/v1/issues', form, `multipart/form-data; boundary=${boundary}`)), 415);
    expect(multipart.code).toBe('request.unsupported_media_type');
    const big = expectProblem(await writesNothing(() => raw('entA', '/api/v1/issues', JSON.stringify(filing({ description: '长'.repeat(400_000) })))), 413);
    expect(big.code).toBe('request.body_too_large');
    expect(fieldsOf(big)).not.toContain('file');
  });
});

describe('authentication before validation', () => {
  it('answers an anonymous request 401 whatever its body, and still lets anyone sign in', async () => {
    for (const res of [
      await raw(null, '/api/v1/issues', JSON.stringify({ title: 1 })),
      await raw(null, '/api/v1/issues', '{"title": '),
      await raw(null, '/api/v1/enterprises', '{}'),
      await t.api.app.inject({ method: 'GET', url: '/api/v1/calendar/due?from=nonsense' }),
    ])
      expect(expectProblem(res, 401).code).toBe('auth.unauthenticated');
    const unknownToken = await t.api.app.inject({ method: 'POST', url: '/api/v1/issues', headers: { authorization: 'Bearer not-a-session' }, payload: { title: 1 } });
    expect(expectProblem(unknownToken, 401).code).toBe('auth.unauthenticated');
    expect(expectProblem(await t.api.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {} }), 400).code).toBe('validation.failed');
  });
});
