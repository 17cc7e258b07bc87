import { describe, expect, test } from 'vitest';
import { GATHER_AT, type Notice } from '@huiyin/domain';
import { noticeRows, type AudienceRow, type IssueNotices } from './enqueue-notice-batch.ts';

// Unit U: a head (account a-head, mail head@x) and a handler; leader L; enterprise E with a contact.
const people = new Map<string, AudienceRow[]>([
  ['h:U', [{ k: 'h:U', email: 'head@x', account_id: 'a-head', sms: '13800000000' }]],
  [
    'u:U',
    [
      { k: 'u:U', email: 'head@x', account_id: 'a-head' },
      { k: 'u:U', email: 'handler@x', account_id: 'a-handler' },
    ],
  ],
  ['l:L', [{ k: 'l:L', email: 'leader@x', account_id: 'a-leader' }]],
  [
    'e:E',
    [
      { k: 'e:E', email: 'boss@e', account_id: null },
      { k: 'e:E', email: null, account_id: 'a-ent' },
    ],
  ],
  ['w:u:U', [{ k: 'w:u:U', email: null, account_id: null, hook: 'wecom:7' }]],
]);

const red = (i: number): IssueNotices => ({
  issueId: `issue-${i}`,
  notices: [
    { audience: [{ leader: 'L' }, { unit: 'U', heads: true }], subject: `【红牌超期】R${i}「用电增容」`, text: '办理时限已于 12月7日 17:30 超期。', dedupeKey: `track-c${i}-red-1`, kind: 'red' },
  ],
});
const withNotice = (i: number, n: Partial<Notice>): IssueNotices => ({ issueId: `issue-${i}`, notices: [{ ...red(i).notices[0]!, ...n }] });
const inboxOf = (rows: ReturnType<typeof noticeRows>, account: string) => rows.inbox.filter((r) => r.account_id === account);
const mailsTo = (rows: ReturnType<typeof noticeRows>, address: string) => rows.mails.filter((m) => (JSON.parse(m.payload) as { to: string[] }).to.includes(address));

describe('gathered notices', () => {
  test(`${GATHER_AT} steps of one kind to one person go as one notice on each of their channels`, () => {
    const batch = Array.from({ length: GATHER_AT + 1 }, (_, i) => red(i));
    const rows = noticeRows(batch, people, true);
    for (const account of ['a-head', 'a-leader']) {
      const mine = inboxOf(rows, account);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ issue_id: null, subject: `【红牌超期】${GATHER_AT + 1} 件事项`, link: '/open-list' });
      for (let i = 0; i <= GATHER_AT; i++) expect(mine[0]!.body).toContain(`R${i}「用电增容」：办理时限已于`);
    }
    for (const address of ['head@x', 'leader@x']) expect(mailsTo(rows, address)).toHaveLength(1);
    const sms = rows.channels.filter((c) => c.topic === 'sms');
    const robot = rows.channels.filter((c) => c.topic === 'wecom');
    expect(sms).toHaveLength(1);
    expect(robot).toHaveLength(1);
    expect(JSON.parse(robot[0]!.payload)).toMatchObject({ kind: 'red', subject: `【红牌超期】${GATHER_AT + 1} 件事项`, hook: '7' });
    // Without gathering the same batch is a notice per step and person.
    const alone = noticeRows(batch, people, false);
    expect(inboxOf(alone, 'a-head')).toHaveLength(GATHER_AT + 1);
    expect(alone.mails).toHaveLength(GATHER_AT + 1);
  });

  test('below the threshold each step goes alone, with its issue', () => {
    const rows = noticeRows(
      Array.from({ length: GATHER_AT - 1 }, (_, i) => red(i)),
      people,
      true,
    );
    expect(inboxOf(rows, 'a-head').map((r) => r.issue_id)).toEqual(['issue-0', 'issue-1', 'issue-2', 'issue-3'].slice(0, GATHER_AT - 1));
    expect(rows.mails).toHaveLength(GATHER_AT - 1);
  });

  test('only the person who reaches the threshold is gathered; others keep their notices', () => {
    // Five reminders to the unit (head and handler), and three yellows to its head: the head's
    // reminders are gathered, the yellows are not, and they do not count towards each other.
    const batch = [
      ...Array.from({ length: GATHER_AT }, (_, i) => withNotice(i, { audience: [{ unit: 'U' }], subject: `【即将到期】R${i}「x」`, kind: 'reminder', dedupeKey: `k-r${i}` })),
      ...Array.from({ length: 3 }, (_, i) => withNotice(10 + i, { audience: [{ unit: 'U', heads: true }], subject: `【黄牌预警】R${10 + i}「x」`, kind: 'yellow', dedupeKey: `k-y${i}` })),
    ];
    const rows = noticeRows(batch, people, true);
    expect(inboxOf(rows, 'a-head').map((r) => r.subject)).toEqual(['【黄牌预警】R10「x」', '【黄牌预警】R11「x」', '【黄牌预警】R12「x」', `【即将到期】${GATHER_AT} 件事项`]);
    expect(inboxOf(rows, 'a-handler').map((r) => r.subject)).toEqual([`【即将到期】${GATHER_AT} 件事项`]);
  });

  test("an enterprise's notices and a 督办单 are never gathered", () => {
    const toEnterprise = Array.from({ length: GATHER_AT + 2 }, (_, i) => withNotice(i, { audience: [{ enterprise: 'E' }], kind: 'reminder', dedupeKey: `k-e${i}` }));
    const orders = Array.from({ length: GATHER_AT + 2 }, (_, i) => withNotice(20 + i, { subject: `【督办单】R${20 + i}`, kind: 'supervisionOrder', dedupeKey: `k-o${i}` }));
    const rows = noticeRows([...toEnterprise, ...orders], people, true);
    expect(inboxOf(rows, 'a-ent')).toHaveLength(GATHER_AT + 2);
    expect(mailsTo(rows, 'boss@e')).toHaveLength(GATHER_AT + 2);
    expect(inboxOf(rows, 'a-head')).toHaveLength(GATHER_AT + 2);
    expect(rows.inbox.every((r) => r.issue_id !== null)).toBe(true);
  });

  test('the same steps give the same key, so a batch done again sends nothing twice; other steps another', () => {
    const batch = Array.from({ length: GATHER_AT }, (_, i) => red(i));
    const key = (b: IssueNotices[]) => inboxOf(noticeRows(b, people, true), 'a-head')[0]!.dedupe_key;
    expect(key(batch)).toBe(key(batch.map((b) => ({ ...b }))));
    expect(key(batch)).not.toBe(key([...batch.slice(1), red(99)]));
    const keys = noticeRows(batch, people, true).mails.map((m) => m.dedupe_key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('the same steps in another order give the same key', () => {
    const batch = Array.from({ length: GATHER_AT }, (_, i) => red(i));
    const key = (b: IssueNotices[]) => inboxOf(noticeRows(b, people, true), 'a-head')[0]!.dedupe_key;
    expect(key(batch)).toBe(key([...batch].reverse()));
  });

  test('counts issues, not clocks: an issue with two clocks at the step is one issue with two lines', () => {
    const two = (i: number): IssueNotices => ({
      issueId: `issue-${i}`,
      notices: [red(i).notices[0]!, { ...red(i).notices[0]!, text: '协办时限已于 12月7日 17:30 超期。', dedupeKey: `track-a${i}-red-1` }],
    });
    const rows = noticeRows([two(1), two(2), two(3)], people, true);
    const mine = inboxOf(rows, 'a-head');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ subject: '【红牌超期】3 件事项' });
    expect(mine[0]!.body.split('\n')[0]).toBe('3 件事项的 6 项时限同时【红牌超期】：');
  });

  test("an official who left mail out gets the gathered bell and no mail; an enterprise sharing an official's address keeps its own", () => {
    const quiet = new Map(people);
    // The handler chose SMS only: reminders reach them in the bell (and by SMS), not by mail.
    quiet.set('u:U', [
      { k: 'u:U', email: 'head@x', account_id: 'a-head' },
      { k: 'u:U', email: 'handler@x', account_id: 'a-handler', mail: false },
    ]);
    quiet.set('e:E', [{ k: 'e:E', email: 'handler@x', account_id: null }]);
    const batch = Array.from({ length: GATHER_AT }, (_, i) =>
      withNotice(i, { audience: [{ unit: 'U' }, { enterprise: 'E' }], subject: `【即将到期】R${i}「x」`, kind: 'reminder', dedupeKey: `k-m${i}` }),
    );
    const rows = noticeRows(batch, quiet, true);
    expect(inboxOf(rows, 'a-handler').map((r) => r.subject)).toEqual([`【即将到期】${GATHER_AT} 件事项`]);
    // handler@x as the enterprise's contact: one mail per step; as the handler: none.
    expect(mailsTo(rows, 'handler@x').map((m) => JSON.parse(m.payload).subject)).toEqual(batch.map((b) => b.notices[0]!.subject));
    expect(mailsTo(rows, 'head@x').filter((m) => JSON.parse(m.payload).subject === `【即将到期】${GATHER_AT} 件事项`)).toHaveLength(1);
  });

  test('a long list names twenty and counts the rest', () => {
    const rows = noticeRows(
      Array.from({ length: 27 }, (_, i) => red(i)),
      people,
      true,
    );
    const body = inboxOf(rows, 'a-leader')[0]!.body;
    expect(body.split('\n').filter((l) => l.startsWith('· '))).toHaveLength(20);
    expect(body).toContain('……另有 7 项，见未办结清单。');
    expect(body).not.toContain('R20「');
  });
});
