import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createWorkingCalendar, shanghaiDate } from '@huiyin/calendar';
import { buildDailyDigests, enqueueDailyDigests, enqueueNotices } from '@huiyin/engine';
import { expectProblem, openDistrict, type E2eDistrict } from './e2e-district.ts';
import type { Notice } from '@huiyin/domain';

let t: E2eDistrict;
/** A second account of enterprise A: every account of an enterprise hears of its issues. */
let entA2: { login: string; id: string; token: string };

beforeAll(async () => {
  t = await openDistrict();
  const first = await t.api.db.selectFrom('accounts').select('password_hash').where('login', '=', t.d.entA.login).executeTakeFirstOrThrow();
  const login = `企业甲二-${t.d.tag}`;
  const row = await t.api.db.insertInto('accounts').values({ login, password_hash: first.password_hash, enterprise_id: t.d.entA.id }).returning('id').executeTakeFirstOrThrow();
  entA2 = { login, id: row.id, token: await t.api.login(login) };
});
afterAll(() => t.close());

type Item = { id: string; issueId: string | null; subject: string; body: string; link: string | null; createdAt: string; readAt: string | null };
type Page = { items: Item[]; nextCursor: string | null };

const accountId = async (login: string) => (await t.api.db.selectFrom('accounts').select('id').where('login', '=', login).executeTakeFirstOrThrow()).id;
const inboxOf = (issueId: string) =>
  t.api.db
    .selectFrom('notifications')
    .innerJoin('accounts', 'accounts.id', 'notifications.account_id')
    .select(['notifications.id', 'accounts.login', 'notifications.subject', 'notifications.link', 'notifications.read_at'])
    .where('notifications.issue_id', '=', issueId)
    .execute();
const unread = async (token: string) => {
  const res = await t.api.call(token, 'GET', '/api/v1/notifications/unread-count');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { count: number }).count;
};
const list = async (token: string, query = '') => {
  const res = await t.api.call(token, 'GET', `/api/v1/notifications${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};

describe('the in-app inbox beside the mail', () => {
  it("puts an unread row for each of the filing enterprise's accounts and each dispatcher's account, linking to the issue", async () => {
    const issue = await t.file('entA');
    const rows = await inboxOf(issue.id);
    const of = (login: string) => rows.filter((r) => r.login === login);
    for (const login of [t.d.entA.login, entA2.login]) {
      expect(of(login).map((r) => r.subject)).toEqual([expect.stringMatching(new RegExp(`^【已受理】${issue.number}`))]);
    }
    expect(of(t.d.people.dispatcher.login).map((r) => r.subject)).toEqual([expect.stringMatching(new RegExp(`^【待列单】${issue.number}`))]);
    expect(rows.every((r) => r.read_at === null && r.link === `/issues/${issue.id}`)).toBe(true);
    // Nobody else of this district hears of it: not enterprise B, not the units, not supervision.
    const others = [
      t.d.entB.login,
      ...Object.entries(t.d.people)
        .filter(([k]) => k !== 'dispatcher')
        .map(([, p]) => p.login),
    ];
    expect(rows.filter((r) => others.includes(r.login))).toEqual([]);
    // And outside it only dispatchers (the role is district-wide) do.
    const strangers = await t.api.db
      .selectFrom('notifications')
      .innerJoin('accounts', 'accounts.id', 'notifications.account_id')
      .leftJoin('officials', 'officials.id', 'accounts.official_id')
      .select('accounts.login')
      .where('notifications.issue_id', '=', issue.id)
      .where((eb) => eb.not(eb.or([eb('accounts.enterprise_id', '=', t.d.entA.id), sql<boolean>`'dispatcher' = any(officials.roles)`])))
      .execute();
    expect(strangers).toEqual([]);
    // The mail still goes out, once per notice.
    expect(await t.api.db.selectFrom('outbox').select('id').where('issue_id', '=', issue.id).execute()).toHaveLength(2);

    const page = await list(t.as('entA'), '?unread=true&limit=5');
    expect(page.items[0]).toMatchObject({ issueId: issue.id, link: `/issues/${issue.id}`, readAt: null });
    expect(page.items[0]?.subject).toContain(issue.number);
  });

  it('counts the unread of each account', async () => {
    const before = { a: await unread(t.as('entA')), a2: await unread(entA2.token), b: await unread(t.as('entB')) };
    await t.file('entA');
    await t.file('entA');
    expect(await unread(t.as('entA'))).toBe(before.a + 2);
    expect(await unread(entA2.token)).toBe(before.a2 + 2);
    expect(await unread(t.as('entB'))).toBe(before.b);
  });

  it("marks one read for its own account only; another account's notification is 404", async () => {
    const issue = await t.file('entA');
    const mine = (await inboxOf(issue.id)).find((r) => r.login === t.d.entA.login);
    expect(mine).toBeDefined();
    const id = mine?.id ?? '';
    const before = await unread(t.as('entA'));
    const before2 = await unread(entA2.token);

    for (const token of [entA2.token, t.as('entB'), t.as('dispatcher')]) {
      expect(expectProblem(await t.api.call(token, 'POST', `/api/v1/notifications/${id}/read`), 404).code).toBe('notification.not_found');
    }
    expect(await unread(t.as('entA'))).toBe(before);

    const read = await t.api.call(t.as('entA'), 'POST', `/api/v1/notifications/${id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    const readAt = (read.json() as Item).readAt;
    expect(readAt).not.toBeNull();
    expect(await unread(t.as('entA'))).toBe(before - 1);
    expect(await unread(entA2.token)).toBe(before2);
    // Reading again changes nothing: the first reading stands.
    const again = await t.api.call(t.as('entA'), 'POST', `/api/v1/notifications/${id}/read`);
    expect((again.json() as Item).readAt).toBe(readAt);
    expect((await list(t.as('entA'), '?unread=true&limit=200')).items.map((i) => i.id)).not.toContain(id);

    expectProblem(await t.api.call(t.as('entA'), 'POST', `/api/v1/notifications/${t.d.newId()}/read`), 404);
    expectProblem(await t.api.call(t.as('entA'), 'POST', '/api/v1/notifications/not-a-uuid/read'), 400);
    expectProblem(await t.api.call(null, 'GET', '/api/v1/notifications'), 401);
  });

  it("marks all of one account's notifications read, and no one else's", async () => {
    await t.file('entA');
    const count = await unread(t.as('entA'));
    const count2 = await unread(entA2.token);
    expect(count).toBeGreaterThan(0);
    const res = await t.api.call(t.as('entA'), 'POST', '/api/v1/notifications/read-all');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ marked: count });
    expect(await unread(t.as('entA'))).toBe(0);
    expect((await list(t.as('entA'), '?unread=true')).items).toEqual([]);
    expect((await list(t.as('entA'), '?limit=200')).items.length).toBeGreaterThanOrEqual(count);
    expect(await unread(entA2.token)).toBe(count2);
  });

  it('pages newest first with a keyset cursor, and refuses a forged one', async () => {
    const all = (await list(entA2.token, '?limit=200')).items;
    expect(all.length).toBeGreaterThanOrEqual(4);
    const seen: Item[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(entA2.token, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((i) => i.id)).toEqual(all.map((i) => i.id));
    const times = seen.map((i) => Date.parse(i.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expectProblem(await t.api.call(entA2.token, 'GET', '/api/v1/notifications?cursor=bm90LWEtY3Vyc29y'), 400);
  });
});

describe('a dedupe key', () => {
  it('enqueues a notice enqueued twice (or twice in one call) as one mail and one inbox row per account', async () => {
    const issue = await t.file('entB');
    const dedupeKey = `reminder-${t.d.tag}`;
    const notice: Notice = { audience: [{ enterprise: t.d.entA.id }, { unit: t.d.unitA }], subject: '【提醒】请按时办理', text: '测试去重', dedupeKey, link: '/work' };
    await t.api.db.transaction().execute((trx) => enqueueNotices(trx, issue.id, [notice]));
    await t.api.db.transaction().execute((trx) => enqueueNotices(trx, issue.id, [notice, notice]));

    const mails = await t.api.db.selectFrom('outbox').select('payload').where('dedupe_key', '=', dedupeKey).execute();
    expect(mails).toHaveLength(1);
    const to = (mails[0]?.payload as { to: string[] }).to;
    expect(to[0]).toBe(`企业甲-${t.d.tag}@ent.test`);
    expect([...to].sort()).toEqual([`企业甲-${t.d.tag}@ent.test`, `handler-a-${t.d.tag}@test.local`, `head-a-${t.d.tag}@test.local`].sort());

    const rows = await t.api.db.selectFrom('notifications').select(['account_id', 'link']).where('dedupe_key', '=', dedupeKey).execute();
    const expected = [await accountId(t.d.entA.login), entA2.id, await accountId(t.d.people.headA.login), await accountId(t.d.people.handlerA.login)];
    expect(rows.map((r) => r.account_id).sort()).toEqual(expected.sort());
    expect(rows.every((r) => r.link === '/work')).toBe(true);
  });

  it('does not dedupe notices without a key', async () => {
    const issue = await t.file('entB');
    const notice: Notice = { audience: [{ unit: t.d.unitB, heads: true }], subject: `【提醒】无键-${t.d.tag}`, text: '每次都发' };
    await t.api.db.transaction().execute((trx) => enqueueNotices(trx, issue.id, [notice]));
    await t.api.db.transaction().execute((trx) => enqueueNotices(trx, issue.id, [notice]));
    expect(await t.api.db.selectFrom('outbox').select('id').where('issue_id', '=', issue.id).where(sql<boolean>`payload->>'subject' = ${notice.subject}`).execute()).toHaveLength(2);
    const rows = await t.api.db.selectFrom('notifications').select('account_id').where('issue_id', '=', issue.id).where('subject', '=', notice.subject).execute();
    expect(rows.map((r) => r.account_id)).toEqual(Array(2).fill(await accountId(t.d.people.headB.login)));
  });
});

describe('a batch for a large unit', () => {
  it('writes every inbox row when they pass one statement’s parameter limit (65 535, six per row)', async () => {
    // 60 handlers, 200 notices: 12 000 inbox rows, 72 000 parameters in a single insert.
    const unit = await t.api.db
      .insertInto('units')
      .values({ name: `大单位-${t.d.tag}`, short_name: '大单位' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`
      with o as (
        insert into officials (name, email, unit_id, roles)
        select '办理人' || g, 'big-' || g || ${`-${t.d.tag}@test.local`}, ${unit.id}::uuid, array['handler'] from generate_series(1, 60) g
        returning id, email)
      insert into accounts (login, password_hash, official_id) select o.email, 'x', o.id from o`.execute(t.api.db);
    const issue = await t.file('entB');
    const notices: Notice[] = Array.from({ length: 200 }, (_, n) => ({ audience: [{ unit: unit.id }], subject: `【即将到期】大单位-${n}`, text: '批量', dedupeKey: `big-${t.d.tag}-${n}` }));
    await t.api.db.transaction().execute((trx) => enqueueNotices(trx, issue.id, notices));
    const rows = await t.api.db
      .selectFrom('notifications')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.count<string>('account_id').distinct().as('accounts')])
      .where('issue_id', '=', issue.id)
      .where('subject', 'like', '【即将到期】大单位-%')
      .executeTakeFirstOrThrow();
    expect({ n: Number(rows.n), accounts: Number(rows.accounts) }).toEqual({ n: 12_000, accounts: 60 });
    expect(await t.api.db.selectFrom('outbox').select('id').where('issue_id', '=', issue.id).where(sql<boolean>`payload->>'subject' like '【即将到期】大单位-%'`).execute()).toHaveLength(200);
  });
});

describe('an audience naming nothing', () => {
  it('reaches nobody instead of failing the transaction (an issue with no unit or leader yet)', async () => {
    const issue = await t.file('entB');
    const notice: Notice = { audience: [{ unit: '' }, { leader: '' }, { enterprise: t.d.entB.id }], subject: `【提醒】空-${t.d.tag}`, text: '只发企业' };
    await t.api.db.transaction().execute((trx) => enqueueNotices(trx, issue.id, [notice, { ...notice, audience: [{ unit: '' }] }]));
    const mails = await t.api.db.selectFrom('outbox').select('payload').where('issue_id', '=', issue.id).where(sql<boolean>`payload->>'subject' = ${notice.subject}`).execute();
    expect(mails.map((m) => (m.payload as { to: string[] }).to)).toEqual([[`企业乙-${t.d.tag}@ent.test`]]);
  });
});

describe('the daily digest', () => {
  const deps = () => ({ db: t.api.db, calendar: createWorkingCalendar() });
  const mine = () => new Map(Object.entries(t.d.people).map(([who, p]) => [p.id, who]));

  it('builds one mail per official with open tasks, naming them and what falls due soon', async () => {
    const issue = await t.dispatched();
    const now = new Date();
    const digests = (await buildDailyDigests(deps(), now)).filter((d) => mine().has(d.officialId));
    const byWho = new Map(digests.map((d) => [mine().get(d.officialId), d]));
    expect(digests).toHaveLength(byWho.size); // one per official
    for (const who of ['headA', 'handlerA'] as const) {
      const d = byWho.get(who);
      expect(d?.to).toEqual([`${t.d.people[who].login}@test.local`]);
      expect(d?.subject).toMatch(/^【每日待办】/);
      expect(d?.dedupeKey).toBe(`digest-${t.d.people[who].id}-${shanghaiDate(now)}`);
      // The claim is due in seconds: it is listed under what falls due by the next working day.
      expect(d?.text).toMatch(new RegExp(`前到期（\\d+ 项）：[^]*${issue.number} .*· 签收`));
    }
    for (const who of ['leaderB', 'handlerC', 'supervisor', 'admin']) expect(byWho.has(who)).toBe(false);
  });

  it('sends once a day however often it runs', async () => {
    await t.dispatched();
    const now = new Date();
    await enqueueDailyDigests(deps(), now);
    await enqueueDailyDigests(deps(), now);
    const keys = [...mine().keys()].map((id) => `digest-${id}-${shanghaiDate(now)}`);
    const rows = await t.api.db.selectFrom('outbox').select(['dedupe_key', 'payload', 'issue_id']).where('dedupe_key', 'in', keys).execute();
    expect(rows.map((r) => r.dedupe_key).sort()).toEqual([...new Set(rows.map((r) => r.dedupe_key))].sort());
    expect(rows.map((r) => r.dedupe_key)).toEqual(expect.arrayContaining([`digest-${t.d.people.headA.id}-${shanghaiDate(now)}`, `digest-${t.d.people.handlerA.id}-${shanghaiDate(now)}`]));
    expect(rows.every((r) => r.issue_id === null && (r.payload as { subject: string }).subject.startsWith('【每日待办】'))).toBe(true);
    // The next day is another digest.
    const tomorrow = new Date(now.getTime() + 86_400_000);
    await enqueueDailyDigests(deps(), tomorrow);
    expect(await t.api.db.selectFrom('outbox').select('id').where('dedupe_key', 'like', `digest-${t.d.people.headA.id}-%`).execute()).toHaveLength(2);
  });
});
