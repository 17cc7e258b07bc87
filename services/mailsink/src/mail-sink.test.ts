import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMailSink, type MailSink } from './index.ts';

describe('mail sink', () => {
  let sink: MailSink;
  const send = (mail: { subject: string; text: string; html?: string; to?: string }) =>
    createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true }).sendMail({
      from: 'Huiyin 回音 <noreply@huiyin.local>',
      to: mail.to ?? '企业联络员 <liaison@example.cn>',
      ...mail,
    });
  const api = async (): Promise<Array<Record<string, unknown>>> => {
    const res = await fetch(`http://127.0.0.1:${sink.httpPort}/api/messages`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    return (await res.json()) as Array<Record<string, unknown>>;
  };

  beforeAll(async () => {
    sink = await startMailSink({ smtpPort: 0, httpPort: 0 });
  });
  afterAll(() => sink.close());
  beforeEach(() => sink.clear());

  it('parses a Chinese subject and body and serves them, newest first, on /api/messages', async () => {
    await send({ subject: '第一封', text: 'first' });
    await send({
      subject: '诉求 HY-2026-0001 已受理',
      text: '您好：您提交的诉求已由区营商办受理，请于3个工作日内关注办理进展。',
      html: '<p>您好：您提交的诉求已<b>受理</b>。</p>',
      to: 'liaison@example.cn, 王主任 <leader@example.cn>',
    });

    const got = await sink.waitFor((m) => m.subject.startsWith('诉求'));
    expect(got.from).toBe('Huiyin 回音 <noreply@huiyin.local>');
    expect(got.to).toEqual(['liaison@example.cn', 'leader@example.cn']);
    expect(got.text.trim()).toBe('您好：您提交的诉求已由区营商办受理，请于3个工作日内关注办理进展。');
    expect(got.html).toContain('<b>受理</b>');
    expect(got.raw).toMatch(/^Subject: =\?UTF-8\?/m); // really encoded on the wire, not passed through

    const listed = await api();
    expect(listed.map((m) => m['subject'])).toEqual(['诉求 HY-2026-0001 已受理', '第一封']);
    expect(listed[0]).toMatchObject({ to: ['liaison@example.cn', 'leader@example.cn'], text: got.text });
    expect(listed[0]).not.toHaveProperty('raw');
  });

  it('shows the Chinese subject on the UTF-8 list page and links to the body', async () => {
    await send({ subject: '督办提醒：请尽快签收', text: '正文：逾期将升级至分管领导。' });
    await sink.waitFor((m) => m.subject === '督办提醒：请尽快签收');

    const list = await fetch(`http://127.0.0.1:${sink.httpPort}/`);
    expect(list.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await list.text();
    const link = /<a href="(\/messages\/\d+)">督办提醒：请尽快签收<\/a>/.exec(html);
    expect(link).not.toBeNull();

    const body = await (await fetch(`http://127.0.0.1:${sink.httpPort}${link![1]}`)).text();
    expect(body).toContain('正文：逾期将升级至分管领导。');
  });

  it('rejects waitFor after the timeout, naming what did arrive', async () => {
    await send({ subject: '别的邮件', text: 'x' });
    await sink.waitFor((m) => m.subject === '别的邮件');
    await expect(sink.waitFor((m) => m.subject === '不存在', 50)).rejects.toThrow(/"别的邮件"/);
  });

  it('forgets messages on DELETE /api/messages', async () => {
    await send({ subject: 'to be cleared', text: 'x' });
    await sink.waitFor((m) => m.subject === 'to be cleared');
    const res = await fetch(`http://127.0.0.1:${sink.httpPort}/api/messages`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(sink.messages()).toEqual([]);
    expect(await api()).toEqual([]);
  });
});

describe('a counting sink (parse: false)', () => {
  it('accepts and counts every mail without keeping any', async () => {
    const sink = await startMailSink({ smtpPort: 0, parse: false });
    try {
      const transport = createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true });
      const sent = await Promise.all([1, 2, 3].map((n) => transport.sendMail({ from: 'noreply@huiyin.local', to: 'a@example.cn', subject: `第${n}封`, text: '正文' })));
      // sendMail resolves on the server's 250 to the data, which the sink gives once it has counted the mail.
      expect(sent.map((s) => s.response.slice(0, 3))).toEqual(['250', '250', '250']);
      expect(sink.received()).toBe(3);
      expect(sink.messages()).toEqual([]);
    } finally {
      await sink.close();
    }
  });
});
