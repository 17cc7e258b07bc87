import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@huiyin/store';
import { openDistrict, type E2eDistrict, type Who } from './e2e-district.ts';

let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict();
});
afterAll(() => t.close());

/** Thrown to roll a probe back if the database ever let it through. */
const ALLOWED = 'the ledger let this through';

/**
 * Runs a write against the ledger inside a transaction that never commits: if the database
 * wrongly allowed it, other test files' history is rolled back, not lost.
 */
function probe(run: (trx: Db) => Promise<unknown>): Promise<unknown> {
  return t.api.db.transaction().execute(async (trx) => {
    await run(trx);
    throw new Error(ALLOWED);
  });
}

/** `TRUNCATE issue_events`, sent as raw SQL: kysely has no builder for it. */
function truncateEvents(trx: Db) {
  const compiled = trx.deleteFrom('issue_events').compile();
  return trx.executeQuery({ ...compiled, sql: 'truncate table issue_events', parameters: [] });
}

const eventsOf = (id: string) => t.api.db.selectFrom('issue_events').select(['seq', 'type', 'state_after', 'payload', 'actor_account_id']).where('issue_id', '=', id).orderBy('seq').execute();

describe('the ledger is append-only', () => {
  it('refuses UPDATE of an event in the database itself', async () => {
    const issue = await t.file('entA');
    await expect(probe((trx) => trx.updateTable('issue_events').set({ type: 'forged' }).where('issue_id', '=', issue.id).execute())).rejects.toThrow('issue_events is append-only: UPDATE refused');
    expect((await eventsOf(issue.id)).map((e) => e.type)).toEqual(['file']);
  });

  it('refuses DELETE of an event in the database itself', async () => {
    const issue = await t.file('entA');
    await expect(probe((trx) => trx.deleteFrom('issue_events').where('issue_id', '=', issue.id).execute())).rejects.toThrow('issue_events is append-only: DELETE refused');
    expect(await eventsOf(issue.id)).toHaveLength(1);
  });

  it('refuses TRUNCATE of the ledger in the database itself', async () => {
    const issue = await t.file('entA');
    await expect(probe(truncateEvents)).rejects.toThrow('issue_events is append-only: TRUNCATE refused');
    expect(await eventsOf(issue.id)).toHaveLength(1);
  });
});

describe('every command is one event and one version', () => {
  it('records each accepted command as exactly one event, seq 1..n, version +1, state_after as the issue', async () => {
    const issue = await t.file('entA');
    const milestoneDue = new Date(Date.now() + 60_000).toISOString();
    const steps: Array<[Who, string, object, string]> = [
      ['dispatcher', 'list', { milestones: [{ title: '现场勘查', dueAt: milestoneDue }], assistingUnitIds: [t.d.unitC] }, 'list'],
      ['dispatcher', 'dispatch', {}, 'dispatch'],
      ['handlerA', 'return', { reason: '不属于本局职责' }, 'return'],
      ['dispatcher', 'rule-return', { upheld: false, note: '属于甲局职责，请即签收' }, 'ruleReturn'],
      ['headA', 'claim', {}, 'claim'],
      ['handlerA', 'first-contact', { channel: 'phone', note: '已电话联系' }, 'recordFirstContact'],
      ['handlerA', 'interim-reply', { body: '正在协调供电公司' }, 'interimReply'],
      ['handlerA', 'request-info', { body: '请提供用电负荷清单' }, 'requestInfo'],
      ['entA', 'supply-info', { body: '负荷清单见附件说明' }, 'supplyInfo'],
      ['handlerA', 'extension', { amount: { amount: 30, unit: 'seconds' }, reason: '等待供电方案批复' }, 'requestExtension'],
      ['leaderA', 'extension/deny', { note: '按原时限办结' }, 'denyExtension'],
      ['handlerC', 'assist-answer', { body: '丙局无异议' }, 'answerAssist'],
      ['handlerA', 'resolve', { outcome: 'positive', body: '已接通动力电' }, 'resolve'],
      ['headA', 'review', { approve: false, note: '请补充接通时间' }, 'reviewAnswer'],
      ['handlerA', 'resolve', { outcome: 'positive', body: '已于本周三接通动力电' }, 'resolve'],
      ['headA', 'review', { approve: true }, 'reviewAnswer'],
      ['entA', 'rate', { resolved: 'yes', satisfaction: 'satisfied' }, 'rate'],
    ];
    let version = 1;
    for (const [who, action, body, type] of steps) {
      // Between commands, a refused one writes nothing and moves nothing.
      const refused = await t.act('entB', issue.id, 'withdraw', { reason: '不是我的' });
      expect(refused.statusCode).toBe(404);
      const result = await t.ok(who, issue.id, action, body);
      expect(result.version, action).toBe(version + 1);
      expect(result.event, action).toBe(type);
      version = result.version;
      const events = await eventsOf(issue.id);
      expect(events, action).toHaveLength(version);
      expect(events.at(-1), action).toMatchObject({ seq: version, type, state_after: result.state });
    }
    const events = await eventsOf(issue.id);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: steps.length + 1 }, (_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual(['file', ...steps.map((s) => s[3])]);
    const row = await t.api.db.selectFrom('issues').select(['state', 'version', 'closed_at']).where('id', '=', issue.id).executeTakeFirstOrThrow();
    expect(row.version).toBe(events.length);
    expect(events.at(-1)?.state_after).toBe(row.state);
    expect(row.state).toBe('closed');
    expect(row.closed_at).not.toBeNull();
    // Every event names the account that acted.
    expect(events.every((e) => typeof e.actor_account_id === 'string')).toBe(true);
  });

  it('writes no event and no version for a refused command (wrong state, wrong actor, stale version)', async () => {
    const issue = await t.dispatched();
    const before = await eventsOf(issue.id);
    expect((await t.act('handlerA', issue.id, 'resolve', { outcome: 'positive', body: '已办' })).statusCode).toBe(409);
    expect((await t.act('handlerB', issue.id, 'claim')).statusCode).toBe(403);
    expect((await t.act('handlerA', issue.id, 'claim', { expectedVersion: 1 })).statusCode).toBe(409);
    expect((await t.act('dispatcher', issue.id, 'list')).statusCode).toBe(409);
    expect(await eventsOf(issue.id)).toEqual(before);
    const row = await t.api.db.selectFrom('issues').select(['version', 'state']).where('id', '=', issue.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ version: before.length, state: before.at(-1)?.state_after });
  });
});
