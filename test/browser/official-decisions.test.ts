import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';
import { TINY_PNG, openedDialog, pickOption, runAction } from './support/ui.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;
const pages = new Map<string, Page>();
const tokens = new Map<string, string>();

// Its own database: unit pickers list every unit, and only this district's may be there.
useOwnConsole('browser_decisions', (own) => ({ server, d, browser } = own));

/** One signed-in page per person, reused across the tests. */
async function as(login: string): Promise<Page> {
  const known = pages.get(login);
  if (known) return known;
  const { page } = await signIn(browser, server.baseUrl, login, PASSWORD);
  pages.set(login, page);
  return page;
}

async function api(login: string, path: string, body: object = {}) {
  const token = tokens.get(login) ?? (await server.login(login));
  tokens.set(login, token);
  const res = await server.call(token, 'POST', path, body);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as { id: string; number: string };
}

/** Filed by enterprise A and dispatched to unit A (with `listing`); claimed and contacted when `claimed`. */
async function prepared(title: string, listing: object = {}, claimed = true) {
  const issue = await api(d.entA.login, '/api/v1/issues', { categoryId: d.categoryId, title, description: '浏览器测试' });
  await api(d.people.dispatcher.login, `/api/v1/issues/${issue.id}/list`, listing);
  await api(d.people.dispatcher.login, `/api/v1/issues/${issue.id}/dispatch`);
  if (claimed) {
    await api(d.people.handlerA.login, `/api/v1/issues/${issue.id}/claim`);
    await api(d.people.handlerA.login, `/api/v1/issues/${issue.id}/first-contact`, { channel: 'phone', note: '已联系' });
  }
  return issue;
}

// expect.poll's own ceiling is one second: too short for a page to catch up with a change on a
// loaded machine. Polling ends as soon as the page shows it, so a long ceiling costs nothing.
const POLL = { timeout: 30_000 };

const issueRow = (id: string) => server.db.selectFrom('issues').select(['state', 'lead_unit_id', 'handling_due_at']).where('id', '=', id).executeTakeFirstOrThrow();

describe('the console for answers, documents, returns and decisions', () => {
  it('lets the enterprise answer a question, supply a 容缺 document and withdraw', async () => {
    const issue = await prepared('缺少用电负荷清单', { pendingDocuments: [{ name: '营业执照副本' }] });
    const handler = await as(d.people.handlerA.login);
    await handler.goto(`/issues/${issue.id}`);
    await runAction(handler, 'request-info', async (dlg) => dlg.locator('textarea').fill('请补充二期厂房用电负荷清单。'));
    expect((await issueRow(issue.id)).state).toBe('inProgress.waitingOnEnterprise');

    const ent = await as(d.entA.login);
    await ent.goto(`/issues/${issue.id}`);
    await runAction(ent, 'supply-info', async (dlg) => {
      await dlg.locator('textarea').fill('负荷清单见附件，总负荷约 800kW。');
      await dlg.locator('input[type=file]').setInputFiles({ name: '负荷清单.png', mimeType: 'image/png', buffer: TINY_PNG });
      await dlg.locator('.ant-upload-list-item-done').waitFor();
    });
    expect((await issueRow(issue.id)).state).toBe('inProgress.working');

    await runAction(ent, 'supply-document', async (dlg) => {
      await pickOption(ent, dlg.locator('.ant-select'), '营业执照副本');
      await dlg.locator('input[type=file]').setInputFiles({ name: '营业执照副本.png', mimeType: 'image/png', buffer: TINY_PNG });
      await dlg.locator('.ant-upload-list-item-done').waitFor();
    });
    const doc = await server.db.selectFrom('pending_documents').select(['supplied_at', 'attachment_id']).where('issue_id', '=', issue.id).executeTakeFirstOrThrow();
    expect(doc.supplied_at).not.toBeNull();
    expect(doc.attachment_id).not.toBeNull();
    await expect.poll(() => ent.getByTestId('pending-documents').textContent(), POLL).toContain('已补齐');

    await runAction(ent, 'withdraw', async (dlg) => dlg.locator('textarea').fill('问题已自行解决。'));
    expect((await issueRow(issue.id)).state).toBe('withdrawn');
    // Once the page has reloaded the withdrawn issue, nothing is left to do on it.
    await expect.poll(() => ent.locator('[data-action]').count(), POLL).toBe(0);
  }, 90_000);

  it('takes a return from the inbox and re-dispatches it to another unit on the dispatcher’s ruling', async () => {
    const issue = await prepared('不属本单位职责', {}, false);
    const handler = await as(d.people.handlerA.login);
    await handler.goto('/inbox');
    const row = handler.locator('[data-testid=inbox-table] tr', { hasText: issue.number });
    await row.getByText('退单').click();
    const dialog = await openedDialog(handler);
    await dialog.locator('textarea').fill('该事项属乙局职责。');
    await dialog.locator('.ant-btn-dangerous').click();
    await expect.poll(async () => (await issueRow(issue.id)).state, POLL).toBe('returned');

    const dispatcher = await as(d.people.dispatcher.login);
    await dispatcher.goto('/dispatch');
    await dispatcher.locator('.ant-tabs-tab', { hasText: '退单裁定' }).click();
    await dispatcher.locator('[data-testid=inbox-table] tr', { hasText: issue.number }).getByText('办理').click();
    await runAction(dispatcher, 'rule-return', async (dlg) => {
      // Upheld, the unit that takes over is asked for, and marked in place if left out: nothing is sent.
      await expect.poll(() => dlg.getByText('改派单位').count(), POLL).toBe(0);
      await dlg.getByText('退单成立，改派', { exact: true }).click();
      await dlg.locator('textarea').fill('经核实属乙局职责，改派乙局。');
      await dispatcher.locator('#action-ok').click();
      await expect.poll(() => dlg.locator('.ant-form-item-has-error').textContent(), POLL).toContain('改派单位');
      expect((await issueRow(issue.id)).state).toBe('returned');
      await pickOption(dispatcher, dlg.locator('.ant-select'), '乙局');
    });
    const after = await issueRow(issue.id);
    expect(after.state).toBe('awaitingClaim');
    expect(after.lead_unit_id).toBe(d.unitB);
  }, 90_000);

  it('marks the field a refusal names in the dialog, beside what was typed', async () => {
    const original = await api(d.entA.login, '/api/v1/issues', { categoryId: d.categoryId, title: '原诉求', description: '浏览器测试' });
    const again = await api(d.entA.login, '/api/v1/issues', { categoryId: d.categoryId, title: '再次提交的诉求', description: '浏览器测试' });
    const dispatcher = await as(d.people.dispatcher.login);
    await dispatcher.goto(`/issues/${again.id}`);
    await dispatcher.locator('[data-action="mark-duplicate"]').click();
    const dlg = dispatcher.locator('.ant-modal:visible');
    const number = dlg.getByLabel(/原诉求工单号/);
    await number.fill('2020-999999');
    await dispatcher.locator('#action-ok').click();
    // The API's refusal names duplicateOfNumber: the dialog says so under that field and keeps it.
    const marked = dlg.locator('.ant-form-item-has-error');
    await expect.poll(() => marked.textContent(), POLL).toContain('原诉求工单号');
    expect(await number.inputValue()).toBe('2020-999999');
    expect((await issueRow(again.id)).state).toBe('submitted');
    // Typing again clears the mark, as for any field.
    await number.fill(original.number);
    await expect.poll(() => marked.count(), POLL).toBe(0);
    await dispatcher.locator('#action-ok').click();
    await dlg.waitFor({ state: 'hidden' });
    expect((await issueRow(again.id)).state).toBe('duplicate');
  }, 90_000);

  it('carries the unit head’s appeal (申诉) to supervision, who accepts it on the record', async () => {
    const issue = await prepared('重复提交的诉求');
    const head = await as(d.people.headA.login);
    await head.goto(`/issues/${issue.id}`);
    await head.locator('[data-action=appeal]').click();
    const dialog = head.locator('.ant-modal:visible');
    await dialog.getByText('重复诉求', { exact: true }).click();
    await dialog.locator('textarea').fill('与本月已办结的诉求内容相同。');
    await dialog.locator('.ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });
    const filed = await server.db.selectFrom('appeals').select(['id', 'status', 'reason']).where('issue_id', '=', issue.id).executeTakeFirstOrThrow();
    expect(filed).toMatchObject({ status: 'pending', reason: 'duplicate' });

    // The supervisor's notification leads to the appeals, where the decision is taken with its reason.
    const supervisor = await as(d.people.supervisor.login);
    await supervisor.goto('/board');
    await supervisor.getByTestId('notice-bell').click();
    await supervisor.locator('.ant-drawer a', { hasText: issue.number }).first().click();
    await supervisor.waitForURL(/\/appeals$/);
    const row = supervisor.locator('[data-testid=appeals-table] tr', { hasText: issue.number });
    await row.getByRole('button').click();
    const decide = supervisor.locator('.ant-modal:visible');
    await decide.locator('textarea').fill('经核实与 2026 年已办结诉求重复，同意不计入考核。');
    await decide.locator('.ant-btn-primary').click();
    await expect.poll(async () => (await server.db.selectFrom('appeals').select('status').where('id', '=', filed.id).executeTakeFirstOrThrow()).status, POLL).toBe('accepted');
    await expect.poll(() => row.count(), POLL).toBe(0);
  }, 90_000);

  it('has the leader approve an extension and sign off a negative answer with its way forward', async () => {
    // Five working days to handle: the console's default extension (two working days) is within its
    // bounds, and a limit that long is listed with its milestone plan.
    const plan = [{ title: '市级部门会商', dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }];
    const issue = await prepared('用地指标调整', { timeLimit: { amount: 5, unit: 'workingDays' }, milestones: plan });
    const before = (await issueRow(issue.id)).handling_due_at;
    const handler = await as(d.people.handlerA.login);
    await handler.goto(`/issues/${issue.id}`);
    await runAction(handler, 'extension', async (dlg) => dlg.locator('textarea').fill('需市级部门会商，申请延期两个工作日。'));

    const leader = await as(d.people.leaderA.login);
    await leader.goto('/leader');
    const task = leader.locator('[data-testid=inbox-table] tr', { hasText: issue.number });
    expect(await task.textContent()).toContain('延期审批');
    await task.getByText('办理').click();
    await runAction(leader, 'extension/approve', async (dlg) => dlg.locator('textarea').fill('同意。'));
    const moved = (await issueRow(issue.id)).handling_due_at;
    expect(moved?.getTime()).toBeGreaterThan(before?.getTime() ?? Infinity);

    await handler.goto(`/issues/${issue.id}`);
    await runAction(handler, 'resolve', async (dlg) => {
      await dlg.locator('textarea').first().fill('本年度用地指标已用完，无法按原诉求调整。');
      await dlg.getByText('暂不能按诉求办理', { exact: true }).click();
      await dlg.locator('textarea').nth(1).fill('纳入明年第一批用地计划，先行办理临时用地手续。');
    });
    const head = await as(d.people.headA.login);
    await head.goto(`/issues/${issue.id}`);
    await runAction(head, 'review', async (dlg) => {
      await expect.poll(() => dlg.getByTestId('draft-answer').textContent(), POLL).toContain('纳入明年第一批用地计划');
      await dlg.getByRole('radio', { name: '同意', exact: true }).check();
    });
    expect((await issueRow(issue.id)).state).toBe('answerSignOff');

    await leader.goto('/leader');
    await leader.locator('[data-testid=inbox-table] tr', { hasText: issue.number }).getByText('办理').click();
    await runAction(leader, 'sign-off', async (dlg) => {
      await dlg.getByRole('radio', { name: '同意', exact: true }).check();
      await dlg.locator('textarea').fill('同意答复，抓紧落实解决路径。');
    });
    expect((await issueRow(issue.id)).state).toBe('resolved');
    await expect.poll(() => leader.getByTestId('replies').textContent(), POLL).toContain('纳入明年第一批用地计划');
  }, 90_000);
});
