import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';

let api: TestApi;
let d: SmallDistrict;
const tokens: Record<string, string> = {};
const as = (who: string) => tokens[who] ?? '';

beforeAll(async () => {
  api = await startApi();
  d = await createDistrict(api.db);
  for (const [who, p] of Object.entries({ ...d.people, entA: d.entA, entB: d.entB })) tokens[who] = await api.login(p.login);
});
afterAll(() => api.close());

async function file(title = '厂区东侧道路未通电') {
  const res = await api.call(as('entA'), 'POST', '/api/v1/issues', { categoryId: d.categoryId, title, description: '二期厂房已建成，道路照明和动力电未接通，影响设备调试。' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; state: string; statusNote: string; expectedDueAt: string; version: number };
}

async function act(who: string, id: string, action: string, body: object = {}) {
  return api.call(as(who), 'POST', `/api/v1/issues/${id}/${action}`, body);
}

async function ok(who: string, id: string, action: string, body: object = {}) {
  const res = await act(who, id, action, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json() as { state: string; version: number; statusNote: string; handlingDueAt: string | null };
}

/** Files, lists with the assignment's defaults, dispatches, claims and records first contact. */
async function inProgress() {
  const issue = await file();
  await ok('dispatcher', issue.id, 'list', { milestones: [{ title: '现场勘查', dueAt: new Date(Date.now() + 60_000).toISOString() }] });
  await ok('dispatcher', issue.id, 'dispatch');
  await ok('handlerA', issue.id, 'claim');
  await ok('handlerA', issue.id, 'first-contact', { channel: 'phone', note: '已电话联系企业负责人，约定明日现场勘查' });
  return issue;
}

describe('filing', () => {
  it('acknowledges at once with a number, the expected due time and a status note', async () => {
    const issue = await file();
    expect(issue.number).toMatch(/^\d{4}-\d{6}$/);
    expect(issue.state).toBe('submitted');
    expect(Date.parse(issue.expectedDueAt)).toBeGreaterThan(Date.now());
    expect(issue.statusNote).toContain('已受理');
    const mails = await api.db.selectFrom('outbox').select('payload').where('issue_id', '=', issue.id).execute();
    expect(mails.map((m) => (m.payload as { subject: string }).subject)).toContain(`【已受理】${issue.number} 厂区东侧道路未通电`);
  });
});

describe('the main road through the API', () => {
  it('file → list → claim → milestone → resolve → review → rate satisfied → closed', async () => {
    const issue = await file();
    const listed = await ok('dispatcher', issue.id, 'list', { milestones: [{ title: '现场勘查', dueAt: new Date(Date.now() + 60_000).toISOString() }] });
    expect(listed.state).toBe('listed');
    const detail = (await api.call(as('entA'), 'GET', `/api/v1/issues/${issue.id}`)).json();
    expect(detail).toMatchObject({ leaderId: d.leaderA, leadUnitId: d.unitA, leaderName: '甲领导' });
    const dispatched = await ok('dispatcher', issue.id, 'dispatch');
    expect(dispatched.state).toBe('awaitingClaim');
    expect(Date.parse(dispatched.handlingDueAt ?? '')).toBeGreaterThan(Date.now() + 100_000);
    await ok('handlerA', issue.id, 'claim');
    await ok('handlerA', issue.id, 'first-contact', { channel: 'visit', note: '上门了解情况' });
    const milestoneId = detail.milestones[0].id;
    await ok('handlerA', issue.id, 'milestone-report', { milestoneId, note: '已完成现场勘查' });
    await ok('handlerA', issue.id, 'interim-reply', { body: '供电方案已报送，预计本周内接通。' });
    const resolved = await ok('handlerA', issue.id, 'resolve', { outcome: 'positive', body: '已协调供电公司接通动力电和道路照明。' });
    expect(resolved.state).toBe('answerReview');
    // The enterprise does not see the draft before review.
    const before = (await api.call(as('entA'), 'GET', `/api/v1/issues/${issue.id}`)).json();
    expect(before.replies.map((r: { kind: string }) => r.kind)).not.toContain('final');
    expect((await ok('headA', issue.id, 'review', { approve: true })).state).toBe('resolved');
    const after = (await api.call(as('entA'), 'GET', `/api/v1/issues/${issue.id}`)).json();
    expect(after.replies.find((r: { kind: string }) => r.kind === 'final')?.body).toContain('接通动力电');
    const closed = await ok('entA', issue.id, 'rate', { resolved: 'yes', satisfaction: 'satisfied' });
    expect(closed.state).toBe('closed');
    const timeline = (await api.call(as('entA'), 'GET', `/api/v1/issues/${issue.id}/timeline`)).json() as Array<{ type: string; seq: number }>;
    expect(timeline.map((e) => e.type)).toEqual(['file', 'list', 'dispatch', 'claim', 'recordFirstContact', 'reportMilestone', 'interimReply', 'reviewAnswer', 'rate']);
    const full = (await api.call(as('supervisor'), 'GET', `/api/v1/issues/${issue.id}/timeline`)).json() as Array<{ type: string; seq: number }>;
    expect(full.map((e) => e.seq)).toEqual(Array.from({ length: full.length }, (_, i) => i + 1));
    expect(full.map((e) => e.type)).toContain('resolve');
  });

  it('reopens on dissatisfaction, tells the leader, and the unit claims the redo', async () => {
    const issue = await inProgress();
    await ok('handlerA', issue.id, 'resolve', { outcome: 'positive', body: '已答复' });
    await ok('headA', issue.id, 'review', { approve: true });
    const reopened = await ok('entA', issue.id, 'rate', { resolved: 'no', satisfaction: 'dissatisfied', comment: '问题没有解决' });
    expect(reopened.state).toBe('reopened');
    const mails = await api.db.selectFrom('outbox').select('payload').where('issue_id', '=', issue.id).execute();
    const leaderMail = mails.map((m) => m.payload as { to: string[]; subject: string }).find((m) => m.subject.startsWith('【不满意重办】'));
    expect(leaderMail?.to).toContain(`leader-a-${d.tag}@test.local`);
    expect((await ok('handlerA', issue.id, 'claim')).state).toBe('inProgress.working');
  });

  it('returns to the dispatcher, who re-dispatches to another unit', async () => {
    const issue = await file();
    await ok('dispatcher', issue.id, 'list');
    await ok('dispatcher', issue.id, 'dispatch');
    const noReason = await act('handlerA', issue.id, 'return', {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    expect((await ok('handlerA', issue.id, 'return', { reason: '供电不属于本局职责' })).state).toBe('returned');
    const redispatched = await ok('dispatcher', issue.id, 'rule-return', { upheld: true, leadUnitId: d.unitB, note: '改由乙局主办' });
    expect(redispatched.state).toBe('awaitingClaim');
    expect((await act('handlerA', issue.id, 'claim')).statusCode).toBe(403);
    expect((await ok('handlerB', issue.id, 'claim')).state).toBe('inProgress.working');
    const returns = await api.db.selectFrom('issue_returns').selectAll().where('issue_id', '=', issue.id).execute();
    expect(returns).toMatchObject([{ unit_id: d.unitA, upheld: true, reason: '供电不属于本局职责' }]);
  });

  it('refuses a negative answer without a way forward, and holds it for the leader', async () => {
    const issue = await inProgress();
    const bare = await act('handlerA', issue.id, 'resolve', { outcome: 'negative', body: '不能办' });
    expect(bare.statusCode).toBe(409);
    expect(bare.json().code).toBe('issue.way_forward_required');
    await ok('handlerA', issue.id, 'resolve', { outcome: 'negative', body: '该地块暂不具备条件', wayForward: '可申请使用二期预留用地，由自然资源局协助办理' });
    expect((await ok('headA', issue.id, 'review', { approve: true })).state).toBe('answerSignOff');
    const seen = (await api.call(as('entA'), 'GET', `/api/v1/issues/${issue.id}`)).json();
    expect(seen.replies.filter((r: { kind: string }) => r.kind === 'final')).toEqual([]);
    expect((await act('leaderB', issue.id, 'sign-off', { approve: true })).statusCode).toBe(403);
    expect((await ok('leaderA', issue.id, 'sign-off', { approve: true })).state).toBe('resolved');
  });

  it('lets the enterprise withdraw before resolution, and not after', async () => {
    const issue = await inProgress();
    expect((await ok('entA', issue.id, 'withdraw', { reason: '已自行解决' })).state).toBe('withdrawn');
    const again = await act('entA', issue.id, 'withdraw', { reason: '再次撤回' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'issue.wrong_state', currentState: 'withdrawn' });
    // Ended: among the enterprise's ended issues, not its open ones.
    const listed = async (open: boolean) => ((await api.call(as('entA'), 'GET', `/api/v1/issues?limit=200&open=${open}`)).json() as { items: Array<{ id: string }> }).items.map((i) => i.id);
    expect(await listed(false)).toContain(issue.id);
    expect(await listed(true)).not.toContain(issue.id);
  });

  it('answers a stale version with 409 and the current state', async () => {
    const issue = await file();
    await ok('dispatcher', issue.id, 'list', { expectedVersion: 1 });
    const stale = await act('dispatcher', issue.id, 'dispatch', { expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'issue.stale_version', currentVersion: 2, currentState: 'listed' });
  });
});
