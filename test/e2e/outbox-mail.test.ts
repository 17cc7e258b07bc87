import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailSink, type MailSink } from '@huiyin/mailsink';
import { createMailer, relayOutbox } from '@huiyin/notify';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { ownDatabase } from '../support/own-database.ts';

let api: TestApi;
let d: SmallDistrict;
let sink: MailSink;
let own: Awaited<ReturnType<typeof ownDatabase>>;

// The relay drains the whole outbox, so this file keeps a database to itself.
beforeAll(async () => {
  own = await ownDatabase('outbox');
  api = await startApi({ DATABASE_URL: own.url });
  d = await createDistrict(api.db);
  sink = await startMailSink({ smtpPort: 0 });
});
afterAll(async () => {
  await sink.close();
  await api.close();
  await own.drop();
});

async function fileOne(title: string) {
  const token = await api.login(d.entA.login);
  const res = await api.call(token, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title, description: '用电报装进度' });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: string };
}

const pending = (issueId: string) =>
  api.db.selectFrom('outbox').select(['id', 'attempts', 'processed_at', 'available_at']).where('issue_id', '=', issueId).execute();

describe('the outbox relay', () => {
  it('mails the acknowledgement to the enterprise and the new task to dispatchers, once', async () => {
    const issue = await fileOne('报装申请一直未受理');
    const mailer = createMailer(`smtp://127.0.0.1:${sink.port}`, 'Huiyin <noreply@huiyin.local>');
    expect(await relayOutbox(api.db, mailer, new Date(), 500)).toEqual({ sent: 2, failed: 0 });
    expect(await relayOutbox(api.db, mailer, new Date(), 500)).toEqual({ sent: 0, failed: 0 });
    mailer.close();
    const ack = await sink.waitFor((m) => m.subject.includes(issue.number) && m.subject.startsWith('【已受理】'));
    expect(ack.to).toEqual([`企业甲-${d.tag}@ent.test`]);
    expect(ack.text).toContain('预计');
    const task = await sink.waitFor((m) => m.subject === `【待列单】${issue.number} 报装申请一直未受理`);
    expect(task.to).toContain(`dispatcher-${d.tag}@test.local`);
    const about = sink.messages().filter((m) => m.subject.includes(issue.number));
    expect(about).toHaveLength(2);
    expect((await pending(issue.id)).every((r) => r.processed_at !== null)).toBe(true);
  });

  it('keeps mails while SMTP is down and delivers each once when it is back', async () => {
    const issue = await fileOne('施工许可审批超时');
    const down = createMailer('smtp://127.0.0.1:9', 'Huiyin <noreply@huiyin.local>');
    const t0 = new Date();
    await relayOutbox(api.db, down, t0, 500);
    down.close();
    const failed = await pending(issue.id);
    expect(failed.every((r) => r.processed_at === null && r.attempts === 1 && r.available_at > t0)).toBe(true);
    const up = createMailer(`smtp://127.0.0.1:${sink.port}`, 'Huiyin <noreply@huiyin.local>');
    await relayOutbox(api.db, up, t0, 500); // too early: the retry is not due yet
    expect(sink.messages().filter((m) => m.subject.includes(issue.number))).toHaveLength(0);
    const later = new Date(t0.getTime() + 60_000);
    await relayOutbox(api.db, up, later, 500);
    await relayOutbox(api.db, up, later, 500);
    up.close();
    await sink.waitFor((m) => m.subject.includes(issue.number) && m.subject.startsWith('【待列单】'));
    expect(sink.messages().filter((m) => m.subject.includes(issue.number))).toHaveLength(2);
  });
});
