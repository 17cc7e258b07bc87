import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, openDistrict, type E2eDistrict, type Filed, type Who } from './e2e-district.ts';

let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict();
}, 60_000);
afterAll(() => t.close());

const press = (who: Who, id: string) => t.api.call(t.as(who), 'POST', `/api/v1/issues/${id}/reminders`, {});

/** Dispatched to unit A and past its claim time by an hour. */
async function overdue(who: Who = 'entA'): Promise<Filed> {
  const issue = await t.dispatched(who);
  await t.api.db
    .updateTable('issues')
    .set({ claim_due_at: new Date(Date.now() - 3_600_000) })
    .where('id', '=', issue.id)
    .execute();
  return issue;
}

type Notice = { subject: string; issueId: string | null };

describe('催办', () => {
  it("records the enterprise's press on the ledger and tells the lead unit by mail and inbox, once a day", async () => {
    const issue = await overdue();
    const res = await press('entA', issue.id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ issueId: issue.id, number: issue.number, presser: 'enterprise', count: 1 });

    // On the ledger, and on the enterprise's own timeline.
    const timeline = (await t.get('entA', `/api/v1/issues/${issue.id}/timeline`)).json() as Array<{ type: string; payload: Record<string, unknown> }>;
    expect(timeline.filter((e) => e.type === 'pressReminder').map((e) => e.payload)).toEqual([{ presser: 'enterprise', count: 1 }]);
    // The lead unit's handler has it in the inbox, and a mail waits in the outbox.
    const notices = (await t.get('handlerA', '/api/v1/notifications?limit=50')).json() as { items: Notice[] };
    expect(notices.items.filter((n) => n.issueId === issue.id && n.subject.startsWith('【催办】'))).toHaveLength(1);
    const mails = await t.api.db.selectFrom('outbox').select('payload').where('issue_id', '=', issue.id).where('dedupe_key', 'like', 'press-%').execute();
    expect(mails).toHaveLength(1);
    expect(JSON.stringify(mails[0]!.payload)).toContain('催办');

    // A second press the same day: 429 problem+json with the seconds to the Shanghai midnight.
    const second = await press('entA', issue.id);
    const problem = expectProblem(second, 429);
    expect(problem.code).toBe('reminder.limit_reached');
    const retry = Number(second.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(86_400);
    const events = await t.api.db.selectFrom('issue_events').select('type').where('issue_id', '=', issue.id).where('type', '=', 'pressReminder').execute();
    expect(events).toHaveLength(1);
  });

  it("lets the issue's leader press too, once, without showing the enterprise", async () => {
    const issue = await overdue();
    expect((await press('entA', issue.id)).statusCode).toBe(201);
    const byLeader = await press('leaderA', issue.id);
    expect(byLeader.statusCode, byLeader.body).toBe(201);
    // Counted apart from the enterprise's presses: the enterprise never learns how often leaders pressed.
    expect(byLeader.json()).toMatchObject({ presser: 'leader', count: 1 });
    expectProblem(await press('leaderA', issue.id), 429);
    const timeline = (await t.get('entA', `/api/v1/issues/${issue.id}/timeline`)).json() as Array<{ type: string }>;
    expect(timeline.filter((e) => e.type === 'pressReminder')).toHaveLength(1);
    const all = (await t.get('supervisor', `/api/v1/issues/${issue.id}/timeline`)).json() as Array<{ type: string }>;
    expect(all.filter((e) => e.type === 'pressReminder')).toHaveLength(2);
  });

  it('lets one of three presses at the same moment through', async () => {
    const issue = await overdue();
    const all = await Promise.all([press('entA', issue.id), press('entA', issue.id), press('entA', issue.id)]);
    expect(all.map((r) => r.statusCode).sort()).toEqual([201, 429, 429]);
  });

  it('refuses an issue not overdue, a press by a handler and one on another enterprise’s issue', async () => {
    const onTime = await t.dispatched('entA');
    expect(expectProblem(await press('entA', onTime.id), 409).code).toBe('issue.not_overdue');
    const late = await overdue();
    expectProblem(await press('handlerA', late.id), 403);
    expectProblem(await press('dispatcher', late.id), 403);
    expectProblem(await press('entB', late.id), 404);
    const events = await t.api.db.selectFrom('issue_events').select('type').where('issue_id', 'in', [onTime.id, late.id]).where('type', '=', 'pressReminder').execute();
    expect(events).toHaveLength(0);
  });
});
