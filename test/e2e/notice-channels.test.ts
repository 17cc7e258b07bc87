import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import { enqueueDailyDigests, enqueueNotices, reportFailingChannel, type EngineDeps } from '@huiyin/engine';
import { shanghaiDate } from '@huiyin/calendar';
import {
  CHANNEL_ATTEMPTS_BEFORE_GIVING_UP,
  createChannelQueue,
  createChannelSender,
  createChannelWorker,
  deliverChannelMessage,
  enqueueDueChannelMessages,
  type ChannelJob,
  type SmsSettings,
} from '@huiyin/notify';
import type { JobQueue, JobWorker, QueueBackend } from '@huiyin/queues';
import { runOverdueSteps } from '@huiyin/timers';
import type { Notice } from '@huiyin/domain';
import { backendEnv, loseQueueData, openTestBackend } from '../support/queue-backend.ts';
import { spawnService } from '../support/service-process.ts';
import { freePort } from '../support/free-port.ts';
import { startMailSink } from '@huiyin/mailsink';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { ownDatabase } from '../support/own-database.ts';
import { startNoticeVendors } from '../support/notice-vendors.ts';
import { until } from '../support/until.ts';
import { sharedRedisPrefix } from '../support/run-scope.ts';

const PUBLIC_URL = 'https://huiyin.example.gov.cn';
const SECRETS = { dingtalk: 'SEC-dingtalk-stand-in-secret', aliyun: 'aliyun-access-key-secret', tencent: 'tencent-secret-key' };
const TEMPLATES = { red: 'SMS_RED_1', escalation: 'SMS_ESC_2', reminder: 'SMS_REM_3', general: 'SMS_GEN_4', digest: 'SMS_DIG_5' };
const calendar = createWorkingCalendar();

let own: Awaited<ReturnType<typeof ownDatabase>>;
let api: TestApi;
let d: SmallDistrict;
let vendors: Awaited<ReturnType<typeof startNoticeVendors>>;
let backend: QueueBackend;
let queue: JobQueue<ChannelJob>;
let worker: JobWorker<ChannelJob>;
let hooks: { unit: string; leader: string };
const MOBILE = { headA: '13900000001', leaderA: '13900000002' };

const sms = (provider: 'aliyun' | 'tencent'): SmsSettings => ({
  provider,
  endpoint: vendors.smsEndpoint,
  accessKeyId: provider === 'aliyun' ? 'LTAI-stand-in' : 'AKID-stand-in',
  accessKeySecret: SECRETS[provider],
  signName: '回音政务',
  sdkAppId: '1400000000',
  region: provider === 'aliyun' ? 'cn-hangzhou' : 'ap-guangzhou',
  templates: TEMPLATES,
});
const sender = () => createChannelSender({ publicUrl: PUBLIC_URL, sms: sms('aliyun') });
const failing = (channel: string, error: string) => reportFailingChannel(api.db, channel, error, new Date());
/** The worker's outbox loop for the channels, with a short backoff so retries fit in a test. */
const handOver = () => enqueueDueChannelMessages(api.db, queue, new Date(), { backoffMs: 200 });
type Row = { id: string; topic: string; payload: unknown; processed_at: Date | null; attempts: number; last_error: string | null };
/** The outbox rows of an issue, those of notices whose subject starts with `subject` when given. */
const rowsOf = async (issueId: string, subject = ''): Promise<Row[]> =>
  (await api.db.selectFrom('outbox').select(['id', 'topic', 'payload', 'processed_at', 'attempts', 'last_error']).where('issue_id', '=', issueId).orderBy('id').execute()).filter((r) =>
    (r.payload as { subject: string }).subject.startsWith(subject),
  );

// The channel relay drains every channel row of its database, so this file keeps one to itself.
beforeAll(async () => {
  own = await ownDatabase('channels');
  api = await startApi({ DATABASE_URL: own.url });
  d = await createDistrict(api.db);
  vendors = await startNoticeVendors(SECRETS);
  backend = await openTestBackend(`${sharedRedisPrefix()}_channels`, own.url);
  queue = createChannelQueue(backend);
  worker = createChannelWorker(backend, { db: api.db, sender: sender(), calendar, failing });
  const robot = async (owner_kind: 'unit' | 'leader', owner_id: string, vendor: 'wecom' | 'dingtalk', url: string, secret: string | null) =>
    (await api.db.insertInto('notice_webhooks').values({ owner_kind, owner_id, vendor, url, secret, updated_by: null }).returning('id').executeTakeFirstOrThrow()).id;
  hooks = {
    unit: await robot('unit', d.unitA, 'wecom', vendors.wecomUrl('unit-a-key'), null),
    leader: await robot('leader', d.leaderA, 'dingtalk', vendors.dingtalkUrl('leader-a-token'), SECRETS.dingtalk),
  };
  // Head A reads mail and SMS; leader A chose SMS only (a red card still mails them: it goes everywhere).
  await api.db
    .updateTable('officials')
    .set({ phone: MOBILE.headA, notice_channels: ['mail', 'sms'] })
    .where('id', '=', d.people.headA.id)
    .execute();
  await api.db
    .updateTable('officials')
    .set({ phone: MOBILE.leaderA, notice_channels: ['sms'] })
    .where('id', '=', d.people.leaderA.id)
    .execute();
});
afterAll(async () => {
  await worker?.close();
  await queue?.obliterate({ force: true });
  await queue?.close();
  await backend?.close();
  await vendors?.close();
  await api?.close();
  await own?.drop();
});

async function dispatched(title: string) {
  const [ent, dispatcher] = await Promise.all([api.login(d.entA.login), api.login(d.people.dispatcher.login)]);
  const res = await api.call(ent, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title, description: '厂区道路照明和动力电未接通' });
  expect(res.statusCode, res.body).toBe(201);
  const issue = res.json() as { id: string; number: string };
  for (const action of ['list', 'dispatch']) expect((await api.call(dispatcher, 'POST', `/api/v1/issues/${issue.id}/${action}`, {})).statusCode).toBe(200);
  return issue;
}

/** Hands rows over until every channel row of the issue's notices starting with `subject` is closed. */
async function deliverAll(issueId: string, subject: string, timeoutMs = 30_000) {
  return until(
    async () => (await handOver(), (await rowsOf(issueId, subject)).filter((r) => r.topic !== 'mail')),
    (rows) => rows.every((r) => r.processed_at !== null),
    timeoutMs,
    200,
  );
}

async function notice(issueId: string, n: Notice) {
  await api.db.transaction().execute((trx) => enqueueNotices(trx, issueId, [n]));
}

describe('notice channels', () => {
  it('writes no channel row where none is configured: a filing mails the dispatcher and the enterprise only', async () => {
    const ent = await api.login(d.entA.login);
    const res = await api.call(ent, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title: '只发邮件的诉求', description: '厂区道路照明未接通' });
    expect(res.statusCode).toBe(201);
    const rows = await rowsOf((res.json() as { id: string }).id);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.topic === 'mail')).toBe(true);
  });

  it('sends a red card to the unit WeCom group, the leader DingTalk group (signed) and each SMS, once, beside the mail', async () => {
    const issue = await dispatched('红牌超期的诉求');
    // The claim clock's red card falls due now; the worker's catch-up fires it.
    await api.db
      .updateTable('clocks')
      .set({ next_step: 'red', next_step_at: new Date(Date.now() - 1000) })
      .where('issue_id', '=', issue.id)
      .where('kind', '=', 'claim')
      .execute();
    const deps: EngineDeps = { db: api.db, calendar, clock: () => new Date() };
    const fired = await runOverdueSteps(deps, { schedule: async () => {} }, 0);
    expect(fired.map((f) => f.step)).toContain('red');
    const before = vendors.requests.length;
    const rows = await deliverAll(issue.id, '【红牌超期】');
    expect(rows.map((r) => r.topic).sort()).toEqual(['dingtalk', 'sms', 'sms', 'wecom']);
    expect(rows.every((r) => r.last_error === null && r.attempts === 1)).toBe(true);
    // The mail still goes, to leader A too although they chose SMS only: a red card goes everywhere.
    const mail = (await rowsOf(issue.id, '【红牌超期】')).filter((r) => r.topic === 'mail');
    expect(mail).toHaveLength(1);
    expect((mail[0]?.payload as { to: string[] }).to.sort()).toEqual([`head-a-${d.tag}@test.local`, `leader-a-${d.tag}@test.local`]);

    // Nothing more arrives however often the rows are handed over.
    await handOver();
    await new Promise((r) => setTimeout(r, 1000));
    const got = vendors.requests.slice(before).filter((r) => JSON.stringify(r.json).includes(`【红牌超期】${issue.number}`));
    expect(got.map((r) => r.vendor).sort()).toEqual(['aliyun', 'aliyun', 'dingtalk', 'wecom']);
    for (const r of got) expect(r.problems, `${r.vendor}: ${r.problems.join('; ')}`).toEqual([]);
    const wecom = got.find((r) => r.vendor === 'wecom');
    expect(wecom?.query.get('key')).toBe('unit-a-key');
    expect(wecom?.json.markdown.content).toContain(`【红牌超期】${issue.number}`);
    expect(wecom?.json.markdown.content).toContain(`${PUBLIC_URL}/issues/${issue.id}`);
    const ding = got.find((r) => r.vendor === 'dingtalk');
    expect(ding?.query.get('access_token')).toBe('leader-a-token');
    expect(ding?.json.markdown.title).toBe(`【红牌超期】${issue.number}「红牌超期的诉求」`);
    const texts = got.filter((r) => r.vendor === 'aliyun').map((r) => r.json as Record<string, string>);
    expect(texts.map((t) => t['PhoneNumbers']).sort()).toEqual([MOBILE.headA, MOBILE.leaderA]);
    expect(texts.every((t) => t['TemplateCode'] === TEMPLATES.red && t['SignName'] === '回音政务')).toBe(true);
    expect(JSON.parse(texts[0]?.['TemplateParam'] ?? '{}')).toEqual({ title: expect.stringContaining('【红牌超期】') });
    // Each SMS names its outbox row at the vendor (OutId), so a copy can be traced to one message.
    const smsRows = rows.filter((r) => r.topic === 'sms').map((r) => r.id);
    expect(texts.map((t) => t['OutId']).sort()).toEqual(smsRows.sort());
  }, 90_000);

  it('cuts a long notice to WeCom markdown at 4 096 bytes with a link to the issue', async () => {
    const issue = await dispatched('长通知');
    const before = vendors.requests.length;
    const text = '企业反映的问题情况说明。'.repeat(600); // 7 200 characters, 21 600 bytes
    await notice(issue.id, { audience: [{ unit: d.unitA, heads: true }], subject: `【情况通报】${issue.number}`, text, dedupeKey: `long-${issue.id}` });
    await deliverAll(issue.id, '【情况通报】');
    const wecom = vendors.requests.slice(before).filter((r) => r.vendor === 'wecom' && r.body.includes('情况通报'));
    expect(wecom).toHaveLength(1);
    const content = wecom[0]?.json.markdown.content as string;
    expect(wecom[0]?.problems).toEqual([]);
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(content)).toBeGreaterThan(4000);
    expect(content).toMatch(new RegExp(`……\\n\\n\\[全文请在回音中查看\\]\\(${PUBLIC_URL.replace(/\./g, '\\.')}/issues/${issue.id}\\)$`));
    // The DingTalk group of leader A was not named by this notice.
    expect(vendors.requests.slice(before).some((r) => r.vendor === 'dingtalk' && r.body.includes('情况通报'))).toBe(false);
  }, 60_000);

  it('holds a reminder outside working time until the next working period, while a red card goes at once', async () => {
    const issue = await dispatched('夜间提醒');
    const at = (n: Notice['kind']): Notice => ({ audience: [{ unit: d.unitA }], subject: `【${n}】${issue.number}`, text: '夜间通知', dedupeKey: `quiet-${n}-${issue.id}`, kind: n });
    await notice(issue.id, at('reminder'));
    await notice(issue.id, at('red'));
    const rows = (await rowsOf(issue.id, '【')).filter((r) => r.topic === 'wecom' && (r.payload as { text: string }).text === '夜间通知');
    const reminder = rows.find((r) => (r.payload as { kind: string }).kind === 'reminder');
    const red = rows.find((r) => (r.payload as { kind: string }).kind === 'red');
    // Sunday 2026-12-06 22:00 in Shanghai; the next working period opens Monday 09:00 (01:00 UTC).
    const sundayNight = new Date('2026-12-06T14:00:00Z');
    const deps = (now: Date) => ({ db: api.db, sender: sender(), calendar, now: () => now });
    const before = vendors.requests.length;
    expect(await deliverChannelMessage(deps(sundayNight), reminder?.id ?? '')).toBe('held');
    expect(await deliverChannelMessage(deps(sundayNight), red?.id ?? '')).toBe('sent');
    const held = await api.db
      .selectFrom('outbox')
      .select(['available_at', 'processed_at', 'enqueued_at'])
      .where('id', '=', reminder?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(held).toEqual({ available_at: new Date('2026-12-07T01:00:00Z'), processed_at: null, enqueued_at: null });
    const night = () => vendors.requests.slice(before).filter((r) => r.body.includes('夜间通知'));
    expect(night().map((r) => r.json.markdown.content)).toEqual([expect.stringContaining('【red】')]);
    // Monday 09:05: it goes.
    expect(await deliverChannelMessage(deps(new Date('2026-12-07T01:05:00Z')), reminder?.id ?? '')).toBe('sent');
    expect(night()).toHaveLength(2);
  });

  it('mails an official who chose SMS only but has no mobile on record: a preference never leaves them unreachable', async () => {
    await api.db
      .updateTable('officials')
      .set({ phone: null, notice_channels: ['sms'] })
      .where('id', '=', d.people.handlerA.id)
      .execute();
    try {
      const issue = await dispatched('无手机号的短信偏好');
      const n: Notice = { audience: [{ unit: d.unitA }], subject: `【reminder】${issue.number}`, text: '无手机号', dedupeKey: `no-mobile-${issue.id}`, kind: 'reminder' };
      await notice(issue.id, n);
      const mail = (await rowsOf(issue.id, `【reminder】${issue.number}`)).filter((r) => r.topic === 'mail');
      expect(mail).toHaveLength(1);
      expect((mail[0]?.payload as { to: string[] }).to).toContain(`handler-a-${d.tag}@test.local`);
    } finally {
      await api.db.updateTable('officials').set({ notice_channels: null }).where('id', '=', d.people.handlerA.id).execute();
    }
  });

  it('retries a failing group robot with backoff, reports the channel to the admins once, and delivers when it answers', async () => {
    const issue = await dispatched('钉钉群暂时故障');
    const before = vendors.requests.length;
    vendors.failNext('dingtalk', 4, `【提级至分包领导】${issue.number}`);
    await notice(issue.id, { audience: [{ leader: d.leaderA }], subject: `【提级至分包领导】${issue.number}`, text: '已提级', dedupeKey: `fail-${issue.id}`, kind: 'escalation' });
    const rows = await deliverAll(issue.id, '【提级至分包领导】', 60_000);
    const ding = rows.filter((r) => r.topic === 'dingtalk');
    expect(ding).toHaveLength(1);
    expect(ding[0]?.attempts).toBe(5);
    expect(ding[0]?.last_error).toBeNull();
    expect(vendors.requests.slice(before).filter((r) => r.vendor === 'dingtalk' && r.body.includes(`【提级至分包领导】${issue.number}`))).toHaveLength(5);
    // The run of failures reached three: the admins heard once, in their inbox and by mail.
    const admin = await api.db.selectFrom('accounts').select('id').where('official_id', '=', d.people.admin.id).executeTakeFirstOrThrow();
    const told = await api.db.selectFrom('notifications').select(['subject', 'link']).where('account_id', '=', admin.id).where('subject', 'like', '【通知渠道故障】%').execute();
    expect(told).toEqual([{ subject: '【通知渠道故障】甲领导工作群（钉钉机器人）连续发送失败', link: '/admin/notice-channels' }]);
    const health = await api.db.selectFrom('notice_channel_health').selectAll().where('channel', '=', `webhook:${hooks.leader}`).executeTakeFirstOrThrow();
    expect(health).toMatchObject({ consecutive_failures: 0, reported_at: null, last_error: expect.stringContaining('130101') });
  }, 120_000);

  it('closes a message refused on its last allowed attempt with the reason, instead of handing it over for ever', async () => {
    const issue = await dispatched('企业微信群一直拒收');
    vendors.failNext('wecom', 1, `【督办单】${issue.number}`);
    await notice(issue.id, { audience: [{ unit: d.unitA }], subject: `【督办单】${issue.number}`, text: '拒收', dedupeKey: `give-up-${issue.id}`, kind: 'supervisionOrder' });
    const row = (await rowsOf(issue.id, `【督办单】${issue.number}`)).find((r) => r.topic === 'wecom');
    await api.db
      .updateTable('outbox')
      .set({ attempts: CHANNEL_ATTEMPTS_BEFORE_GIVING_UP - 1 })
      .where('id', '=', row?.id ?? '')
      .execute();
    const deps = { db: api.db, sender: sender(), calendar, now: () => new Date() };
    await expect(deliverChannelMessage(deps, row?.id ?? '')).rejects.toThrow();
    const closed = await api.db
      .selectFrom('outbox')
      .select(['processed_at', 'last_error', 'attempts'])
      .where('id', '=', row?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(closed.attempts).toBe(CHANNEL_ATTEMPTS_BEFORE_GIVING_UP);
    expect(closed.processed_at).not.toBeNull();
    expect(closed.last_error).toMatch(/^gave up after 24 attempts: /);
    // A later hand-over finds it closed: nothing more is sent.
    expect(await deliverChannelMessage(deps, row?.id ?? '')).toBe('already_sent');
  });

  it('signs Tencent Cloud SMS with TC3-HMAC-SHA256, one number in E.164, our message id as SessionContext', async () => {
    const issue = await dispatched('腾讯云短信');
    await notice(issue.id, { audience: [{ unit: d.unitA, heads: true }], subject: `【提级至分包领导】${issue.number}`, text: '已提级', dedupeKey: `tc3-${issue.id}`, kind: 'escalation' });
    const row = (await rowsOf(issue.id, '【提级至分包领导】')).find((r) => r.topic === 'sms');
    const before = vendors.requests.length;
    const tencent = createChannelSender({ publicUrl: PUBLIC_URL, sms: sms('tencent') });
    expect(await deliverChannelMessage({ db: api.db, sender: tencent, calendar }, row?.id ?? '')).toBe('sent');
    // A second delivery of the same row sends nothing.
    expect(await deliverChannelMessage({ db: api.db, sender: tencent, calendar }, row?.id ?? '')).toBe('already_sent');
    const got = vendors.requests.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]?.problems).toEqual([]);
    expect(got[0]?.json).toEqual({
      PhoneNumberSet: [`+86${MOBILE.headA}`],
      SmsSdkAppId: '1400000000',
      SignName: '回音政务',
      TemplateId: TEMPLATES.escalation,
      TemplateParamSet: [expect.stringContaining('【提级至分包领导】')],
      SessionContext: row?.id,
    });
  });

  it('closes an SMS whose kind has no template with the reason, for the admins to see', async () => {
    const issue = await dispatched('无模板');
    await notice(issue.id, { audience: [{ unit: d.unitA, heads: true }], subject: `【督办单】${issue.number}`, text: '督办', dedupeKey: `nt-${issue.id}`, kind: 'supervisionOrder' });
    const row = (await rowsOf(issue.id, '【督办单】')).find((r) => r.topic === 'sms');
    expect(await deliverChannelMessage({ db: api.db, sender: sender(), calendar }, row?.id ?? '')).toBe('unsendable');
    const closed = await api.db
      .selectFrom('outbox')
      .select(['processed_at', 'last_error'])
      .where('id', '=', row?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(closed.processed_at).not.toBeNull();
    expect(closed.last_error).toContain('supervisionOrder');
  });
  it('sends the daily digest through each official’s channels, and gives supervisors one of their own', async () => {
    const now = new Date();
    const before = vendors.requests.length;
    await enqueueDailyDigests({ db: api.db, calendar }, now);
    const day = shanghaiDate(now);
    const rows = await api.db
      .selectFrom('outbox')
      .select(['id', 'topic', 'payload', 'dedupe_key'])
      .where('dedupe_key', 'in', [`digest-${d.people.headA.id}-${day}`, `digest-${d.people.headA.id}-${day}/sms/${MOBILE.headA}`, `supervision-digest-${d.people.supervisor.id}-${day}`])
      .execute();
    expect(rows.map((r) => r.topic).sort()).toEqual(['mail', 'mail', 'sms']);
    const sup = rows.find((r) => r.dedupe_key?.startsWith('supervision-digest-'))?.payload as { to: string[]; subject: string; text: string };
    expect(sup.to).toEqual([`supervisor-${d.tag}@test.local`]);
    // Earlier tests left red cards open in this district.
    expect(sup.subject).toMatch(/^【每日督查】.* 超期 [1-9]\d* 件/);
    const text = rows.find((r) => r.topic === 'sms');
    await until(
      async () => (
        await handOver(),
        api.db
          .selectFrom('outbox')
          .select('processed_at')
          .where('id', '=', text?.id ?? '')
          .executeTakeFirstOrThrow()
      ),
      (r) => r.processed_at !== null,
      30_000,
      200,
    );
    const sent = vendors.requests.slice(before).filter((r) => r.vendor === 'aliyun' && r.json['OutId'] === text?.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.problems).toEqual([]);
    expect(sent[0]?.json).toMatchObject({ PhoneNumbers: MOBILE.headA, TemplateCode: TEMPLATES.digest });
  }, 60_000);

  it('lets an admin set a group robot and see channels and failures; names the field of bad input', async () => {
    const admin = await api.login(d.people.admin.login);
    const bad = await api.call(admin, 'POST', '/api/v1/admin/notice-webhooks', { ownerKind: 'unit', ownerId: d.unitB, vendor: 'wecom', url: 'ftp://x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).toContain('url');
    const unknownOwner = await api.call(admin, 'POST', '/api/v1/admin/notice-webhooks', { ownerKind: 'leader', ownerId: d.unitB, vendor: 'wecom', url: vendors.wecomUrl('k') });
    expect(unknownOwner.statusCode).toBe(422);
    const set = await api.call(admin, 'POST', '/api/v1/admin/notice-webhooks', {
      ownerKind: 'unit',
      ownerId: d.unitB,
      vendor: 'dingtalk',
      url: vendors.dingtalkUrl('unit-b-token-secret'),
      secret: 'SEC-b',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ ownerName: '乙局工作群（钉钉机器人）', signed: true, enabled: true, url: `${vendors.base}/robot/send?access_token=unit…` });
    expect(set.body).not.toContain('SEC-b');
    const handler = await api.login(d.people.handlerA.login);
    expect((await api.call(handler, 'POST', '/api/v1/admin/notice-webhooks', { ownerKind: 'unit', ownerId: d.unitA, vendor: 'wecom', url: vendors.wecomUrl('x') })).statusCode).toBe(403);
    const list = await api.call(admin, 'GET', '/api/v1/admin/notice-channels');
    expect(list.statusCode).toBe(200);
    const body = list.json() as { webhooks: Array<{ id: string; health: unknown }>; failures: Array<{ channel: string; lastError: string }> };
    expect(body.webhooks.map((w) => w.id)).toEqual(expect.arrayContaining([hooks.unit, hooks.leader, (set.json() as { id: string }).id]));
    // The retried DingTalk message's errors are cleared once sent; the unsendable SMS stays listed with its reason.
    expect(body.failures.some((f) => f.channel === 'sms' && f.lastError.includes('supervisionOrder'))).toBe(true);
    // An official sets their own preference; SMS without a mobile is refused, naming the field.
    const own = await api.call(handler, 'PATCH', `/api/v1/officials/${d.people.handlerA.id}/notice-channels`, { channels: ['sms'] });
    expect(own.statusCode).toBe(400);
    expect(own.body).toContain('phone');
    const ok = await api.call(handler, 'PATCH', `/api/v1/officials/${d.people.handlerA.id}/notice-channels`, { channels: ['sms', 'mail'], phone: '13900000003' });
    expect(ok.json()).toEqual({ officialId: d.people.handlerA.id, channels: ['sms', 'mail'], hasPhone: true });
  });
  it('is delivered by the worker process as configured from the environment, and counted in its /metrics', async () => {
    const prefix = `${sharedRedisPrefix()}_channels_proc`;
    const sink = await startMailSink({ smtpPort: 0 });
    const metricsPort = await freePort();
    const worker = spawnService('services/worker/src/main.ts', 'channels-w', {
      DATABASE_URL: own.url,
      ...backendEnv(),
      REDIS_PREFIX: prefix,
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      WORKER_METRICS_PORT: String(metricsPort),
      PUBLIC_URL: PUBLIC_URL,
      SMS_PROVIDER: 'tencent',
      SMS_ENDPOINT: vendors.smsEndpoint,
      SMS_ACCESS_KEY_ID: 'AKID-stand-in',
      SMS_ACCESS_KEY_SECRET: SECRETS.tencent,
      SMS_SIGN_NAME: '回音政务',
      SMS_SDK_APP_ID: '1400000000',
      SMS_TEMPLATES: 'red=900001',
      LOG_LEVEL: 'info',
    });
    try {
      await worker.waitForLog('worker ready', 120_000);
      const issue = await dispatched('工作进程发送');
      const subject = `【红牌超期】${issue.number}`;
      await notice(issue.id, { audience: [{ unit: d.unitA, heads: true }], subject, text: '由工作进程发送', dedupeKey: `proc-${issue.id}`, kind: 'red' });
      // Only the worker process hands these over (this file's relay is not asked).
      const rows = await until(
        () => rowsOf(issue.id, subject),
        (rs) => rs.length > 0 && rs.every((r) => r.processed_at !== null),
        60_000,
        250,
      );
      expect(rows.map((r) => r.topic).sort()).toEqual(['mail', 'sms', 'wecom']);
      const text = vendors.requests.filter((r) => r.vendor === 'tencent' && r.json?.SessionContext === rows.find((x) => x.topic === 'sms')?.id);
      expect(text).toHaveLength(1);
      expect(text[0]?.problems).toEqual([]);
      expect(text[0]?.json).toMatchObject({ TemplateId: '900001', PhoneNumberSet: [`+86${MOBILE.headA}`] });
      const metrics = await until(
        async () => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text(),
        (m) => /huiyin_notice_channel_messages_total\{[^}]*channel="sms"[^}]*outcome="sent"[^}]*\} [1-9]/.test(m),
        15_000,
        250,
      );
      expect(metrics).toMatch(/huiyin_notice_channel_messages_total\{[^}]*channel="wecom"[^}]*outcome="sent"[^}]*\} [1-9]/);
    } finally {
      await worker.stop();
      await loseQueueData(prefix, own.url);
      await sink.close();
    }
  }, 240_000);
});
