import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailSink, type MailSink } from '@huiyin/mailsink';
import { createServer, type Socket } from 'node:net';
import { releaseChannelHandOvers } from '@huiyin/engine';
import { createMailer, drainDueMail, startMailDrain } from '@huiyin/notify';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { ownDatabase } from '../support/own-database.ts';
import { until } from '../support/until.ts';

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

const pending = (issueId: string) => api.db.selectFrom('outbox').select(['id', 'attempts', 'processed_at', 'available_at']).where('issue_id', '=', issueId).execute();

const FROM = 'Huiyin <noreply@huiyin.local>';
const deadPort = async () => {
  // A port with no SMTP server behind it for now.
  const probe = await startMailSink({ smtpPort: 0 });
  const port = probe.port;
  await probe.close();
  return port;
};

describe('delivering the outbox', () => {
  it('mails the acknowledgement to the enterprise and the new task to dispatchers, once', async () => {
    const issue = await fileOne('报装申请一直未受理');
    const mailer = createMailer(`smtp://127.0.0.1:${sink.port}`, FROM, { publicUrl: 'https://huiyin.example.gov.cn/' });
    try {
      expect(await drainDueMail(api.db, mailer)).toEqual({ claimed: 2, sent: 2, failed: [] });
      const ack = await sink.waitFor((m) => m.subject.includes(issue.number) && m.subject.startsWith('【已受理】'));
      expect(ack.to).toEqual([`企业甲-${d.tag}@ent.test`]);
      expect(ack.text).toContain('预计');
      // Each mail leads to its issue's page in the console.
      expect(ack.text).toContain(`https://huiyin.example.gov.cn/issues/${issue.id}`);
      const task = await sink.waitFor((m) => m.subject === `【待列单】${issue.number} 报装申请一直未受理`);
      expect(task.to).toContain(`dispatcher-${d.tag}@test.local`);
      const sent = await api.db.selectFrom('outbox').select(['id', 'processed_at', 'attempts', 'delivered_to']).where('issue_id', '=', issue.id).execute();
      expect(sent.map((r) => [r.processed_at !== null, r.attempts])).toEqual([
        [true, 1],
        [true, 1],
      ]);
      expect(sent.map((r) => r.delivered_to).sort()).toEqual([ack.to, task.to].sort());
      // Sent rows are not claimed again.
      expect(await drainDueMail(api.db, mailer)).toEqual({ claimed: 0, sent: 0, failed: [] });
      const about = sink.messages().filter((m) => m.subject.includes(issue.number));
      expect(about).toHaveLength(2);
      // Each mail's Message-ID names its outbox row, so a copy sent again after a crash is the same message.
      const ids = about.map((m) => /^message-id:\s*<([0-9a-f-]+)@outbox\.huiyin>/im.exec(m.raw)?.[1]);
      expect(ids.sort()).toEqual(sent.map((r) => r.id).sort());
    } finally {
      mailer.close();
    }
  });

  it('keeps the mails while SMTP is down, retries them later, and delivers each once when it is back', async () => {
    const issue = await fileOne('施工许可审批超时');
    const port = await deadPort();
    const mailer = createMailer(`smtp://127.0.0.1:${port}`, FROM);
    let back: MailSink | undefined;
    const drain = startMailDrain({ db: api.db, mailer, lanes: 1, idleMs: 100 });
    try {
      // Each send fails and is recorded on its row; nothing is lost or marked sent.
      const failed = await until(
        () => pending(issue.id),
        (rows) => rows.every((r) => r.attempts >= 1),
        60_000,
      );
      expect(failed.every((r) => r.attempts >= 1 && r.processed_at === null)).toBe(true);
      const rows = await api.db.selectFrom('outbox').select(['last_error']).where('issue_id', '=', issue.id).execute();
      expect(rows.every((r) => r.last_error)).toBe(true);
      back = await startMailSink({ smtpPort: port });
      const sink2 = back;
      await until(
        () => sink2.messages().filter((m) => m.subject.includes(issue.number)).length,
        (n) => n >= 2,
        90_000,
      );
      const sent = await until(
        () => pending(issue.id),
        (all) => all.every((r) => r.processed_at !== null),
        30_000,
      );
      expect(sent.every((r) => r.processed_at !== null)).toBe(true);
      await drain.stop();
      expect(sink2.messages().filter((m) => m.subject.includes(issue.number))).toHaveLength(2);
      expect(sink2.messages().filter((m) => m.subject.startsWith('【待列单】') && m.subject.includes(issue.number))).toHaveLength(1);
    } finally {
      await drain.stop();
      mailer.close();
      await back?.close();
    }
  });
});

describe('the mail drain', () => {
  it('sends each mail once when drains in several workers run at the same moment', async () => {
    const issues = await Promise.all(['排水许可办理', '燃气接入', '污水管网', '用地审批'].map(fileOne));
    const mailers = Array.from({ length: 4 }, () => createMailer(`smtp://127.0.0.1:${sink.port}`, FROM));
    try {
      // Four drains of two mails a batch, all at once, again until the outbox is empty.
      const rounds = [];
      for (let claimed = 1; claimed > 0; ) {
        const results = await Promise.all(mailers.map((m) => drainDueMail(api.db, m, { batch: 2 })));
        rounds.push(results.map((r) => r.claimed));
        claimed = results.reduce((n, r) => n + r.claimed, 0);
      }
      // Several drains had rows in the same round: they shared the outbox, not took turns.
      expect(rounds.some((claims) => claims.filter((c) => c > 0).length > 1)).toBe(true);
      const rows = await api.db
        .selectFrom('outbox')
        .select(['id', 'attempts', 'processed_at'])
        .where(
          'issue_id',
          'in',
          issues.map((i) => i.id),
        )
        .execute();
      expect(rows).toHaveLength(8);
      expect(rows.every((r) => r.processed_at !== null && r.attempts === 1)).toBe(true);
      const about = (n: string) => sink.messages().filter((m) => m.subject.includes(n));
      for (const i of issues)
        await until(
          () => about(i.number).length,
          (n) => n >= 2,
          30_000,
        );
      await new Promise((r) => setTimeout(r, 300));
      expect(issues.map((i) => about(i.number).length)).toEqual([2, 2, 2, 2]);
    } finally {
      for (const m of mailers) m.close();
    }
  });

  it('records a failed send on the row and leaves the mail for its retry', async () => {
    const issue = await fileOne('SMTP 故障');
    const down = createMailer(`smtp://127.0.0.1:${await deadPort()}`, FROM);
    const before = Date.now();
    const result = await drainDueMail(api.db, down);
    down.close();
    expect(result).toMatchObject({ claimed: 2, sent: 0 });
    expect(result.failed.map((f) => f.attempts)).toEqual([1, 1]);
    const after = await api.db.selectFrom('outbox').select(['processed_at', 'attempts', 'last_error', 'available_at']).where('issue_id', '=', issue.id).execute();
    for (const r of after) {
      expect(r).toMatchObject({ processed_at: null, attempts: 1 });
      expect(r.last_error).toBeTruthy();
      // Not due again for 5 s: the next look does not claim it.
      expect(r.available_at.getTime()).toBeGreaterThanOrEqual(before + 5_000);
    }
    const again = createMailer(`smtp://127.0.0.1:${sink.port}`, FROM);
    expect((await drainDueMail(api.db, again)).claimed).toBe(0);
    again.close();
  });

  it('takes the rows no other drain holds, without waiting for the held ones', async () => {
    const held = await fileOne('供热管网迁改');
    const free = await fileOne('路灯报修');
    const mailer = createMailer(`smtp://127.0.0.1:${sink.port}`, FROM);
    let release = () => {};
    const released = new Promise<void>((r) => (release = r));
    let locked = () => {};
    const lockedNow = new Promise<void>((r) => (locked = r));
    // Another drain's batch: the first issue's mails locked by a transaction that stays open.
    const other = api.db.transaction().execute(async (trx) => {
      await trx.selectFrom('outbox').select('id').where('issue_id', '=', held.id).forUpdate().execute();
      locked();
      await released;
    });
    try {
      await lockedNow;
      const result = await Promise.race([drainDueMail(api.db, mailer), new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), 10_000))]);
      expect(result).toMatchObject({ claimed: 2, sent: 2 });
      expect((await pending(free.id)).every((r) => r.processed_at !== null)).toBe(true);
      expect((await pending(held.id)).every((r) => r.processed_at === null && r.attempts === 0)).toBe(true);
    } finally {
      release();
      await other;
    }
    expect(await drainDueMail(api.db, mailer)).toMatchObject({ claimed: 2, sent: 2 });
    mailer.close();
  });

  it('cuts off the sends to a server that takes the connection and never answers, at the deadline', async () => {
    const issue = await fileOne('邮件服务器无响应');
    let open = 0;
    const held: Socket[] = [];
    const silent = createServer((s) => {
      open++;
      held.push(s);
      s.on('close', () => open--);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const mailer = createMailer(`smtp://127.0.0.1:${port}`, FROM);
    try {
      const began = Date.now();
      const result = await drainDueMail(api.db, mailer, { deadlineMs: 1_000 });
      // Back at the deadline, not after the mailer's own 10 s greeting timeout.
      expect(Date.now() - began).toBeLessThan(5_000);
      expect(result).toMatchObject({ claimed: 2, sent: 0 });
      expect(result.failed.every((f) => f.error.includes('no answer'))).toBe(true);
      expect((await pending(issue.id)).every((r) => r.attempts === 1 && r.processed_at === null)).toBe(true);
      // The sends were cut off, their connections closed: none waits for the mailer's own timeouts.
      expect(
        await until(
          () => open,
          (n) => n === 0,
          5_000,
        ),
      ).toBe(0);
    } finally {
      mailer.close();
      for (const s of held) s.destroy();
      silent.close();
    }
  });

  it('lets its rows go without counting an attempt when it stops mid-batch', async () => {
    const issue = await fileOne('停机时的邮件');
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const mailer = createMailer(`smtp://127.0.0.1:${(silent.address() as { port: number }).port}`, FROM);
    try {
      const drain = startMailDrain({ db: api.db, mailer, lanes: 1, idleMs: 50 });
      // The batch is under way once its rows are locked.
      const lockedRows = () => api.db.transaction().execute((trx) => trx.selectFrom('outbox').select('id').where('issue_id', '=', issue.id).forUpdate().skipLocked().execute());
      await until(lockedRows, (rows) => rows.length === 0, 10_000);
      const asked = Date.now();
      await drain.stop();
      expect(Date.now() - asked).toBeLessThan(5_000);
      const rows = await api.db.selectFrom('outbox').select(['attempts', 'processed_at', 'last_error']).where('issue_id', '=', issue.id).execute();
      expect(rows).toEqual([
        { attempts: 0, processed_at: null, last_error: null },
        { attempts: 0, processed_at: null, last_error: null },
      ]);
      expect(await lockedRows()).toHaveLength(2);
    } finally {
      mailer.close();
      silent.close();
    }
  });
});

describe('after Redis is lost', () => {
  it('hands back the channel messages handed to the lost queue, and leaves mail alone', async () => {
    const lostAt = new Date();
    const later = new Date(lostAt.getTime() + 60_000);
    const handed = new Date(lostAt.getTime() - 60_000);
    const row = (topic: string, enqueued_at: Date) => ({ topic, payload: JSON.stringify({ to: ['x@test.local'], subject: 'S', text: 'T' }), available_at: later, enqueued_at });
    const ids = await api.db
      .insertInto('outbox')
      .values([row('wecom', handed), row('sms', handed), row('sms', later), row('mail', handed)])
      .returning('id')
      .execute();
    expect(await releaseChannelHandOvers(api.db, lostAt)).toBe(2);
    const after = await api.db
      .selectFrom('outbox')
      .select(['topic', 'enqueued_at'])
      .where(
        'id',
        'in',
        ids.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    expect(after).toEqual([
      { topic: 'wecom', enqueued_at: null },
      { topic: 'sms', enqueued_at: null },
      { topic: 'sms', enqueued_at: later },
      { topic: 'mail', enqueued_at: handed },
    ]);
    await api.db
      .deleteFrom('outbox')
      .where(
        'id',
        'in',
        ids.map((r) => r.id),
      )
      .execute();
  });
});
