import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, fieldsOf, openDistrict, type E2eDistrict, type Who } from './e2e-district.ts';

let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict();
});
afterAll(() => t.close());

type Task = { issueId: string; task: string };
const inboxOf = async (who: Who) => {
  const res = await t.get(who, '/api/v1/inbox');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Task[] }).items;
};
const tasksFor = async (who: Who, issueId: string) => (await inboxOf(who)).filter((x) => x.issueId === issueId).map((x) => x.task);
const timeline = async (who: Who, id: string) => ((await t.get(who, `/api/v1/issues/${id}/timeline`)).json() as Array<{ type: string }>).map((e) => e.type);
const mailsOf = async (id: string) =>
  (await t.api.db.selectFrom('outbox').select('payload').where('issue_id', '=', id).orderBy('id').execute()).map((m) => m.payload as { to: string[]; subject: string; text: string });

describe('assisting units (协办)', () => {
  it('holds the final answer until the assisting unit answers, then lets the lead unit resolve', async () => {
    const issue = await t.inProgress({ assistingUnitIds: [t.d.unitC] });
    const early = expectProblem(await t.act('handlerA', issue.id, 'resolve', { outcome: 'positive', body: '已办结' }), 409);
    expect(early.code).toBe('issue.assists_unanswered');
    expect(await tasksFor('handlerC', issue.id)).toEqual(['assist']);
    // Only the assisting unit answers for itself.
    expect(expectProblem(await t.act('handlerB', issue.id, 'assist-answer', { body: '乙局意见' }), 403).code).toBe('issue.forbidden');
    await t.ok('handlerC', issue.id, 'assist-answer', { body: '丙局同意供电方案，已协调管线迁改' });
    expect(await tasksFor('handlerC', issue.id)).toEqual([]);
    expect(expectProblem(await t.act('handlerC', issue.id, 'assist-answer', { body: '再答一次' }), 409).code).toBe('issue.assist_already_answered');
    const lead = await t.get('handlerA', `/api/v1/issues/${issue.id}`);
    expect(lead.json()).toMatchObject({ assists: [{ unitId: t.d.unitC, answer: '丙局同意供电方案，已协调管线迁改' }] });
    // The enterprise sees that the assist was answered, not what was said between units.
    const seen = (await t.get('entA', `/api/v1/issues/${issue.id}`)).json() as { assists: Array<Record<string, unknown>> };
    expect(seen.assists[0]).not.toHaveProperty('answer');
    expect((await t.ok('handlerA', issue.id, 'resolve', { outcome: 'positive', body: '已办结' })).state).toBe('answerReview');
  });
});

describe('extensions (延期)', () => {
  it("goes to the issue's leader only, and an approval moves the handling due time by the amount asked", async () => {
    const issue = await t.inProgress();
    await t.ok('handlerA', issue.id, 'extension', { amount: { amount: 60, unit: 'seconds' }, reason: '供电方案待上级批复' });
    expect(await tasksFor('leaderA', issue.id)).toEqual(['extension']);
    expect(await tasksFor('leaderB', issue.id)).toEqual([]);
    const before = (await t.get('dispatcher', `/api/v1/issues/${issue.id}`)).json() as { handlingDueAt: string; version: number };
    const wrongLeader = expectProblem(await t.act('leaderB', issue.id, 'extension/approve', { note: '同意' }), 403);
    expect(wrongLeader.code).toBe('issue.forbidden');
    expect(expectProblem(await t.act('handlerA', issue.id, 'extension/approve', {}), 403).code).toBe('issue.forbidden');
    const approved = await t.ok('leaderA', issue.id, 'extension/approve', { note: '同意延期' });
    const moved = Date.parse(approved.handlingDueAt ?? '') - Date.parse(before.handlingDueAt);
    expect(moved).toBeGreaterThanOrEqual(59_000);
    expect(moved).toBeLessThanOrEqual(61_000);
    expect(approved.version).toBe(before.version + 1);
    expect(await tasksFor('leaderA', issue.id)).toEqual([]);
    const ext = await t.api.db.selectFrom('extensions').select(['decision', 'new_due_at']).where('issue_id', '=', issue.id).execute();
    expect(ext).toEqual([{ decision: 'approved', new_due_at: new Date(approved.handlingDueAt ?? '') }]);
    // The enterprise hears of the new date, not of the request.
    const seen = await timeline('entA', issue.id);
    expect(seen).toContain('approveExtension');
    expect(seen).not.toContain('requestExtension');
    expect(await timeline('supervisor', issue.id)).toContain('requestExtension');
    const told = (await mailsOf(issue.id)).find((m) => m.subject.startsWith('【办理时限调整】'));
    expect(told?.to).toContain(`企业甲-${t.d.tag}@ent.test`);
  });

  it("drops a pending extension from the leader's inbox once the issue has left handling", async () => {
    const answered = await t.inProgress();
    await t.ok('handlerA', answered.id, 'extension', { amount: { amount: 60, unit: 'seconds' }, reason: '等待批复' });
    const withdrawn = await t.inProgress();
    await t.ok('handlerA', withdrawn.id, 'extension', { amount: { amount: 60, unit: 'seconds' }, reason: '等待批复' });
    expect(await tasksFor('leaderA', answered.id)).toEqual(['extension']);
    await t.ok('handlerA', answered.id, 'resolve', { outcome: 'positive', body: '已办结' });
    await t.ok('entA', withdrawn.id, 'withdraw', { reason: '已自行解决' });
    // Neither can be decided any more, so neither is a task.
    for (const issue of [answered, withdrawn]) {
      expect(expectProblem(await t.act('leaderA', issue.id, 'extension/approve', {}), 409).code).toBe('issue.wrong_state');
      expect(await tasksFor('leaderA', issue.id)).toEqual([]);
    }
  });

  it('refuses a second request while one is pending, and a decision with none pending', async () => {
    const issue = await t.inProgress();
    expect(expectProblem(await t.act('leaderA', issue.id, 'extension/approve', {}), 409).code).toBe('issue.no_extension_pending');
    await t.ok('handlerA', issue.id, 'extension', { amount: { amount: 60, unit: 'seconds' }, reason: '等待批复' });
    expect(expectProblem(await t.act('handlerA', issue.id, 'extension', { amount: { amount: 60, unit: 'seconds' }, reason: '再申请' }), 409).code).toBe('issue.extension_pending');
    const denied = await t.ok('leaderA', issue.id, 'extension/deny', { note: '按原时限' });
    const row = (await t.get('dispatcher', `/api/v1/issues/${issue.id}`)).json() as { handlingDueAt: string };
    expect(denied.handlingDueAt).toBe(row.handlingDueAt);
  });
});

describe('waiting on the enterprise', () => {
  it('pauses on a request for information and resumes when the enterprise supplies it', async () => {
    const issue = await t.inProgress();
    const paused = await t.ok('handlerA', issue.id, 'request-info', { body: '请提供二期厂房用电负荷清单' });
    expect(paused.state).toBe('inProgress.waitingOnEnterprise');
    // Resolving while waiting is the wrong step.
    expect(expectProblem(await t.act('handlerA', issue.id, 'resolve', { outcome: 'positive', body: '已办' }), 409).code).toBe('issue.wrong_state');
    // Only the issue's own enterprise supplies the information.
    expectProblem(await t.act('entB', issue.id, 'supply-info', { body: '不是我的' }), 404);
    const detail = (await t.get('entA', `/api/v1/issues/${issue.id}`)).json() as { replies: Array<{ kind: string; body: string }> };
    expect(detail.replies).toContainEqual(expect.objectContaining({ kind: 'info_request', body: '请提供二期厂房用电负荷清单' }));
    const resumed = await t.ok('entA', issue.id, 'supply-info', { body: '负荷清单：总装机 3200 kW' });
    expect(resumed.state).toBe('inProgress.working');
    expect(await timeline('entA', issue.id)).toEqual(expect.arrayContaining(['requestInfo', 'supplyInfo']));
  });
});

describe('a pause once the handling time is over', () => {
  it('is refused with issue.pause_after_due: the issue stays in handling and overdue, nothing written', async () => {
    const issue = await t.inProgress({ timeLimit: { amount: 2, unit: 'seconds' } });
    const read = async () => (await t.get('dispatcher', `/api/v1/issues/${issue.id}`)).json() as { state: string; version: number; handlingDueAt: string };
    const due = Date.parse((await read()).handlingDueAt);
    while (Date.now() <= due + 50) await new Promise((r) => setTimeout(r, 100));
    const before = await read();
    const refused = expectProblem(await t.act('handlerA', issue.id, 'request-info', { body: '请补充材料' }), 409);
    expect(refused.code).toBe('issue.pause_after_due');
    const after = await read();
    expect(after).toMatchObject({ state: 'inProgress.working', version: before.version, handlingDueAt: before.handlingDueAt });
    expect(await timeline('supervisor', issue.id)).not.toContain('requestInfo');
  });
});

describe('information the enterprise adds of its own accord', () => {
  it('reaches the issue at any open stage with its documents, and the unit hears of it', async () => {
    const issue = await t.file('entA');
    const pdf = await t.upload('entA', 'site-plan.pdf', Buffer.from('%PDF-1.7\n厂区平面图'));
    expect(pdf.statusCode).toBe(201);
    const added = await t.ok('entA', issue.id, 'add-information', { body: '补充厂区平面图', attachmentIds: [pdf.json().id] });
    expect(added.state).toBe('submitted');
    const detail = (await t.get('entA', `/api/v1/issues/${issue.id}`)).json() as { attachments: Array<{ filename: string }> };
    expect(detail.attachments.map((a) => a.filename)).toEqual(['site-plan.pdf']);
    expectProblem(await t.act('entB', issue.id, 'add-information', { body: '不是我的' }), 404);
    const working = await t.inProgress();
    expect((await t.ok('entA', working.id, 'add-information', { body: '联系人电话已变更' })).state).toBe('inProgress.working');
    const mails = await t.api.db.selectFrom('outbox').select('payload').where('issue_id', '=', working.id).execute();
    expect(mails.some((m) => (m.payload as { subject: string }).subject.startsWith('【企业补充信息】'))).toBe(true);
  });
});

describe('duplicates', () => {
  it('links a second issue of the same enterprise to the first and tells the enterprise (合并办理)', async () => {
    const first = await t.file('entA');
    const second = await t.file('entA');
    const marked = await t.ok('dispatcher', second.id, 'mark-duplicate', { duplicateOf: first.id, note: '同一事项' });
    expect(marked.state).toBe('duplicate');
    const detail = (await t.get('entA', `/api/v1/issues/${second.id}`)).json() as { duplicateOf: string; closedAt: string | null };
    expect(detail.duplicateOf).toBe(first.id);
    expect(detail.closedAt).not.toBeNull();
    const mail = (await mailsOf(second.id)).find((m) => m.subject.includes('合并办理'));
    expect(mail?.subject).toContain(first.number);
    expect(mail?.to).toEqual([`企业甲-${t.d.tag}@ent.test`]);
    // A duplicate is final: nothing more happens to it.
    expect(expectProblem(await t.act('dispatcher', second.id, 'list'), 409).code).toBe('issue.wrong_state');
  });

  it("refuses to link to another enterprise's issue: 422 naming duplicateOf, nothing written", async () => {
    const theirs = await t.file('entB');
    const mine = await t.file('entA');
    const before = await t.counts();
    const problem = expectProblem(await t.act('dispatcher', mine.id, 'mark-duplicate', { duplicateOf: theirs.id }), 422);
    expect(fieldsOf(problem)).toEqual(['duplicateOf']);
    expect(await t.counts()).toEqual(before);
    expect((await t.get('entA', `/api/v1/issues/${mine.id}`)).json()).toMatchObject({ state: 'submitted', duplicateOf: null });
    const itself = expectProblem(await t.act('dispatcher', mine.id, 'mark-duplicate', { duplicateOf: mine.id }), 409);
    expect(itself.code).toBe('issue.duplicate_of_itself');
  });
});
