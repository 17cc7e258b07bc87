import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE_VIEW } from '@huiyin/issue-workflow';
import { openDistrict, type E2eDistrict, type Who } from './e2e-district.ts';

// Notes officials write to each other never reach the enterprise (docs/domain.md#ledger): each
// internal text below carries a marker, and nothing the enterprise can read (its timeline, its
// issue, its mails) may contain one. The officials' own view must, or the test proves nothing.

let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict();
});
afterAll(() => t.close());

const MARK = '内部备注';
const internal = (what: string) => `${MARK}：${what}`;

/** Everything the enterprise can read about one issue, as text. */
async function enterpriseReads(who: Who, id: string) {
  const timeline = await t.get(who, `/api/v1/issues/${id}/timeline`);
  const detail = await t.get(who, `/api/v1/issues/${id}`);
  expect(timeline.statusCode).toBe(200);
  expect(detail.statusCode).toBe(200);
  const mails = await t.api.db.selectFrom('outbox').select('payload').where('issue_id', '=', id).execute();
  const mine = mails.map((m) => m.payload as { to: string[]; subject: string; text: string }).filter((m) => m.to.some((to) => to.includes('@ent.test')));
  expect(mine.length).toBeGreaterThan(0);
  return { timeline: timeline.body, detail: detail.body, mails: JSON.stringify(mine), types: (timeline.json() as Array<{ type: string }>).map((e) => e.type) };
}

describe("the enterprise's view of its issue", () => {
  it('shows the whole lifecycle but none of the notes officials write to each other', async () => {
    const issue = await t.dispatched();
    await t.ok('handlerA', issue.id, 'return', { reason: internal('非我局职责') });
    await t.ok('dispatcher', issue.id, 'rule-return', { upheld: true, leadUnitId: t.d.unitB, note: internal('由乙局主办') });
    await t.ok('handlerB', issue.id, 'claim');
    await t.ok('handlerB', issue.id, 'first-contact', { channel: 'phone', note: internal('企业负责人态度急躁，注意沟通') });
    await t.ok('handlerB', issue.id, 'interim-reply', { body: '正在协调供电公司' });
    await t.ok('handlerB', issue.id, 'extension', { amount: { amount: 60, unit: 'seconds' }, reason: '等待供电公司排期' });
    await t.ok('leaderA', issue.id, 'extension/approve', { note: internal('下不为例') });
    await t.ok('handlerB', issue.id, 'request-info', { body: '请提供用电负荷清单' });
    await t.ok('handlerB', issue.id, 'resume', { note: internal('企业未回复，先行办理') });
    await t.ok('handlerB', issue.id, 'resolve', { outcome: 'positive', body: '已协调供电公司完成接电' });
    await t.ok('headB', issue.id, 'review', { approve: true, note: internal('答复口径已核') });
    await t.ok('entA', issue.id, 'rate', { resolved: 'yes', satisfaction: 'satisfied' });

    const seen = await enterpriseReads('entA', issue.id);
    for (const [where, text] of Object.entries({ timeline: seen.timeline, detail: seen.detail, mails: seen.mails })) {
      expect(text.includes(MARK), `${where} shows an internal note`).toBe(false);
    }
    // It still sees each step of its issue, and what was said to it.
    expect(seen.types).toEqual(
      expect.arrayContaining(['file', 'list', 'dispatch', 'ruleReturn', 'claim', 'recordFirstContact', 'interimReply', 'approveExtension', 'requestInfo', 'resumeHandling', 'reviewAnswer', 'rate']),
    );
    expect(seen.types).not.toContain('return');
    expect(seen.timeline).toContain('已协调供电公司完成接电');
    expect(seen.timeline).toContain('正在协调供电公司');
    // Who acted is shown by kind and role, never by internal ids.
    const actors = (JSON.parse(seen.timeline) as Array<{ actor: Record<string, unknown> | null }>).map((e) => e.actor);
    for (const a of actors)
      expect(
        Object.keys(a ?? {}).filter((k) => k !== 'kind' && k !== 'roles'),
        JSON.stringify(a),
      ).toEqual([]);
    expect(actors.some((a) => Array.isArray(a?.['roles']))).toBe(true);
    // Every event the ledger marked for the enterprise has its view: none is hidden by having none.
    const marked = await t.api.db.selectFrom('issue_events').select('type').where('issue_id', '=', issue.id).where('visible_to_enterprise', '=', true).execute();
    for (const { type } of marked) expect(ENTERPRISE_VIEW, `${type} has no enterprise view`).toHaveProperty(type);

    // Officials read every note: the markers are there to be found.
    const official = (await t.get('supervisor', `/api/v1/issues/${issue.id}/timeline`)).body;
    expect(official.split(MARK).length - 1).toBe(6);
  });

  it("hides the dispatcher's note on a duplicate", async () => {
    const original = await t.dispatched();
    const copy = await t.file('entA');
    await t.ok('dispatcher', copy.id, 'mark-duplicate', { duplicateOf: original.id, note: internal('同一企业重复反映') });
    const timeline = (await t.get('entA', `/api/v1/issues/${copy.id}/timeline`)).body;
    expect(timeline).toContain('markDuplicate');
    expect(timeline.includes(MARK)).toBe(false);
  });
});
