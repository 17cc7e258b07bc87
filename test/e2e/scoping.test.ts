import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { PDF, expectProblem, openDistrict, type E2eDistrict, type Who } from './e2e-district.ts';

let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict();
});
afterAll(() => t.close());

const ids = (res: { json(): unknown }) => (res.json() as { items: Array<{ id: string }> }).items.map((i) => i.id);

describe('an enterprise sees only its own issues', () => {
  it("answers 404 when enterprise A reads, follows or acts on enterprise B's issue", async () => {
    const theirs = await t.file('entB');
    expectProblem(await t.get('entA', `/api/v1/issues/${theirs.id}`), 404);
    expectProblem(await t.get('entA', `/api/v1/issues/${theirs.id}/timeline`), 404);
    const withdraw = expectProblem(await t.act('entA', theirs.id, 'withdraw', { reason: '不想办了' }), 404);
    // Nothing about the issue leaks through the refusal.
    expect(withdraw).not.toHaveProperty('currentState');
    const rate = expectProblem(await t.act('entA', theirs.id, 'rate', { resolved: 'yes', satisfaction: 'satisfied' }), 404);
    expect(rate).not.toHaveProperty('currentState');
    // And the issue is untouched: B still owns a submitted issue at version 1.
    expect((await t.get('entB', `/api/v1/issues/${theirs.id}`)).json()).toMatchObject({ state: 'submitted', version: 1 });
    expectProblem(await t.get('entA', `/api/v1/enterprises/${t.d.entB.id}`), 404);
  });

  it("never lists B's issues for A, even when A filters by B's id", async () => {
    const mine = await t.file('entA');
    const theirs = await t.file('entB');
    const listed = await t.get('entA', '/api/v1/issues?limit=200');
    expect(listed.statusCode).toBe(200);
    const items = (listed.json() as { items: Array<{ id: string; enterpriseId: string }> }).items;
    expect(items.map((i) => i.id)).toContain(mine.id);
    expect(items.map((i) => i.id)).not.toContain(theirs.id);
    expect(items.every((i) => i.enterpriseId === t.d.entA.id)).toBe(true);
    expect(ids(await t.get('entA', `/api/v1/issues?enterpriseId=${t.d.entB.id}`))).toEqual([]);
  });
});

describe('a unit sees and acts on the issues it is involved in', () => {
  it("refuses unit B's handler a claim on unit A's issue with 403, and the issue stays as it was", async () => {
    const issue = await t.dispatched();
    const before = (await t.get('dispatcher', `/api/v1/issues/${issue.id}`)).json() as { state: string; version: number };
    const events = await t.api.db.selectFrom('issue_events').select('seq').where('issue_id', '=', issue.id).execute();
    const refused = expectProblem(await t.act('handlerB', issue.id, 'claim'), 403);
    expect(refused.code).toBe('issue.forbidden');
    const after = (await t.get('dispatcher', `/api/v1/issues/${issue.id}`)).json() as { state: string; version: number };
    expect(after).toMatchObject({ state: 'awaitingClaim', version: before.version });
    expect(await t.api.db.selectFrom('issue_events').select('seq').where('issue_id', '=', issue.id).execute()).toHaveLength(events.length);
    expect((await t.ok('handlerA', issue.id, 'claim')).state).toBe('inProgress.working');
  });

  it('tells an uninvolved official only that the issue is not theirs, not its state', async () => {
    // Still submitted: a claim is the wrong step, but unit B must not learn even that.
    const issue = await t.file('entA');
    const refused = expectProblem(await t.act('handlerB', issue.id, 'claim'), 403);
    expect(refused).not.toHaveProperty('currentState');
    expect(refused).not.toHaveProperty('currentVersion');
  });

  it('hides an issue from unit B until B is listed as an assisting unit, then shows it', async () => {
    const issue = await t.file('entA');
    await t.ok('dispatcher', issue.id, 'list');
    expectProblem(await t.get('handlerB', `/api/v1/issues/${issue.id}`), 404);
    expectProblem(await t.get('handlerB', `/api/v1/issues/${issue.id}/timeline`), 404);
    expect(ids(await t.get('handlerB', '/api/v1/issues?limit=200'))).not.toContain(issue.id);
    await t.ok('dispatcher', issue.id, 'list', { assistingUnitIds: [t.d.unitB] });
    const detail = await t.get('handlerB', `/api/v1/issues/${issue.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ id: issue.id, leadUnitId: t.d.unitA, assists: [{ unitId: t.d.unitB }] });
    expect(ids(await t.get('headB', '/api/v1/issues?limit=200'))).toContain(issue.id);
    // Unit C is still not involved.
    expectProblem(await t.get('handlerC', `/api/v1/issues/${issue.id}`), 404);
  });
});

describe('leaders, supervision and the service centre', () => {
  it("keeps leader B out of the issues of leader A's enterprises, and shows them to leader A", async () => {
    const issue = await t.file('entB');
    expectProblem(await t.get('leaderB', `/api/v1/issues/${issue.id}`), 404);
    expect(ids(await t.get('leaderB', '/api/v1/issues?limit=200'))).not.toContain(issue.id);
    expect((await t.get('leaderA', `/api/v1/issues/${issue.id}`)).statusCode).toBe(200);
    expect(ids(await t.get('leaderA', '/api/v1/issues?limit=200'))).toContain(issue.id);
  });

  it('shows every issue to supervision and the dispatcher', async () => {
    const a = await t.file('entA');
    const b = await t.file('entB');
    for (const who of ['supervisor', 'dispatcher', 'admin'] as const) {
      for (const issue of [a, b]) expect((await t.get(who, `/api/v1/issues/${issue.id}`)).statusCode, who).toBe(200);
      const listed = ids(await t.get(who, `/api/v1/issues?limit=200&enterpriseId=${t.d.entB.id}`));
      expect(listed, who).toContain(b.id);
    }
  });
});

describe('sign-in and roles', () => {
  it('answers 401 problem+json without a session, and with an unknown token', async () => {
    const issue = await t.file('entA');
    for (const [method, url] of [
      ['GET', '/api/v1/issues'],
      ['GET', `/api/v1/issues/${issue.id}`],
      ['POST', `/api/v1/issues/${issue.id}/withdraw`],
      ['GET', '/api/v1/inbox'],
    ] as const) {
      const res = await t.api.call(null, method, url, method === 'POST' ? { reason: '撤回' } : undefined);
      expect(expectProblem(res, 401).code, url).toBe('auth.unauthenticated');
    }
    expect(expectProblem(await t.api.call('not-a-token', 'GET', '/api/v1/issues'), 401).code).toBe('auth.unauthenticated');
    expect((await t.get('dispatcher', `/api/v1/issues/${issue.id}`)).json()).toMatchObject({ state: 'submitted' });
  });

  it('refuses an enterprise the officials-only endpoints with 403', async () => {
    for (const url of ['/api/v1/inbox', '/api/v1/units', '/api/v1/listing-queue', '/api/v1/leaders', '/api/v1/enterprises']) {
      expect(expectProblem(await t.get('entA', url), 403).code, url).toBe('auth.forbidden');
    }
    // The same endpoints do answer an official.
    expect((await t.get('dispatcher', '/api/v1/listing-queue')).statusCode).toBe(200);
    expect((await t.get('handlerA', '/api/v1/inbox')).statusCode).toBe(200);
  });
});

describe('attachments', () => {
  it('refuses another enterprise the download with 404, before and after it is attached', async () => {
    const up = await t.upload('entA', '营业执照.pdf', PDF);
    expect(up.statusCode, up.body).toBe(201);
    const attachment = up.json() as { id: string };
    expectProblem(await t.get('entB', `/api/v1/attachments/${attachment.id}`), 404);
    expectProblem(await t.get('dispatcher', `/api/v1/attachments/${attachment.id}`), 404);
    const issue = await t.file('entA', { attachmentIds: [attachment.id] });
    expectProblem(await t.get('entB', `/api/v1/attachments/${attachment.id}`), 404);
    expectProblem(await t.get('handlerB', `/api/v1/attachments/${attachment.id}`), 404);
    const own = await t.get('entA', `/api/v1/attachments/${attachment.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(PDF)).toBe(true);
    expect((await t.get('dispatcher', `/api/v1/attachments/${attachment.id}`)).statusCode).toBe(200);
    expect((await t.get('entA', `/api/v1/issues/${issue.id}`)).json()).toMatchObject({ attachments: [{ id: attachment.id }] });
  });
});

// ---------------------------------------------------------------------------------------------
// The visibility rule, written out as plain data, checked against the API for random issues.

type UnitKey = 'A' | 'B' | 'C';
type Stage = 'submitted' | 'listed' | 'dispatched' | 'claimed' | 'returned' | 'redispatched' | 'withdrawn';
type Scenario = { owner: 'entA' | 'entB'; recordedByHandlerC: boolean; stage: Stage; leader: 'A' | 'B'; lead: UnitKey; assists: UnitKey[] };

/** What the issue ends up as, in the terms the rule speaks of. */
type Facts = { owner: 'entA' | 'entB'; firstResponder: Who | null; leader: 'A' | 'B' | null; lead: UnitKey | null; assists: UnitKey[]; returnedBy: UnitKey[] };

const READERS: Who[] = ['entA', 'entB', 'leaderA', 'leaderB', 'headA', 'handlerA', 'headB', 'handlerB', 'handlerC', 'dispatcher', 'supervisor', 'admin'];
const UNIT_OF: Partial<Record<Who, UnitKey>> = { headA: 'A', handlerA: 'A', headB: 'B', handlerB: 'B', handlerC: 'C' };
/** Both enterprises of the district are assigned to leader A (分包). */
const ASSIGNED_LEADER: Record<'entA' | 'entB', 'A' | 'B'> = { entA: 'A', entB: 'A' };

/**
 * The rule: an enterprise reads its own; the service centre, supervision and admins read all; a
 * leader reads the issues they lead and those of their assigned enterprises; a unit reads what it
 * leads, assists or returned; the official who recorded an issue reads it (首问责任).
 */
function mayRead(who: Who, f: Facts): boolean {
  if (who === 'entA' || who === 'entB') return f.owner === who;
  if (who === 'dispatcher' || who === 'supervisor' || who === 'admin') return true;
  if (f.firstResponder === who) return true;
  if (who === 'leaderA' || who === 'leaderB') {
    const me = who === 'leaderA' ? 'A' : 'B';
    return f.leader === me || ASSIGNED_LEADER[f.owner] === me;
  }
  const unit = UNIT_OF[who];
  return unit !== undefined && (f.lead === unit || f.assists.includes(unit) || f.returnedBy.includes(unit));
}

const scenario = fc
  .record({
    owner: fc.constantFrom('entA' as const, 'entB' as const),
    recordedByHandlerC: fc.boolean(),
    stage: fc.constantFrom<Stage>('submitted', 'listed', 'dispatched', 'claimed', 'returned', 'redispatched', 'withdrawn'),
    leader: fc.constantFrom('A' as const, 'B' as const),
    lead: fc.constantFrom<UnitKey>('A', 'B', 'C'),
    assists: fc.subarray<UnitKey>(['A', 'B', 'C']),
  })
  .map((s): Scenario => ({ ...s, assists: s.assists.filter((u) => u !== s.lead) }));

const handlerOf = (u: UnitKey): Who => (u === 'A' ? 'handlerA' : u === 'B' ? 'handlerB' : 'handlerC');

/** Drives an issue through the API to the scenario's stage; returns its id and the facts. */
async function play(s: Scenario): Promise<{ id: string; facts: Facts }> {
  const unitId = (u: UnitKey) => (u === 'A' ? t.d.unitA : u === 'B' ? t.d.unitB : t.d.unitC);
  const issue = s.recordedByHandlerC ? await t.file('handlerC', { enterpriseId: t.d[s.owner].id, channel: 'phone' }) : await t.file(s.owner);
  const facts: Facts = { owner: s.owner, firstResponder: s.recordedByHandlerC ? 'handlerC' : null, leader: null, lead: null, assists: [], returnedBy: [] };
  if (s.stage === 'submitted') return { id: issue.id, facts };
  if (s.stage === 'withdrawn') {
    await t.ok(s.owner, issue.id, 'withdraw', { reason: '已自行解决' });
    return { id: issue.id, facts };
  }
  await t.ok('dispatcher', issue.id, 'list', { leaderId: s.leader === 'A' ? t.d.leaderA : t.d.leaderB, leadUnitId: unitId(s.lead), assistingUnitIds: s.assists.map(unitId) });
  Object.assign(facts, { leader: s.leader, lead: s.lead, assists: s.assists });
  if (s.stage === 'listed') return { id: issue.id, facts };
  await t.ok('dispatcher', issue.id, 'dispatch');
  if (s.stage === 'claimed') await t.ok(handlerOf(s.lead), issue.id, 'claim');
  if (s.stage === 'returned' || s.stage === 'redispatched') {
    await t.ok(handlerOf(s.lead), issue.id, 'return', { reason: '不属于本单位职责' });
    facts.returnedBy = [s.lead];
    const to = (['A', 'B', 'C'] as const).find((u) => u !== s.lead && !s.assists.includes(u));
    if (s.stage === 'redispatched' && to) {
      await t.ok('dispatcher', issue.id, 'rule-return', { upheld: true, leadUnitId: unitId(to), note: '改派' });
      facts.lead = to;
    }
  }
  return { id: issue.id, facts };
}

describe('the visibility rule', () => {
  test.prop([scenario], { numRuns: 15 })('lets exactly the actors the rule names read an issue, at any stage', async (s) => {
    const { id, facts } = await play(s);
    const readable = await Promise.all(READERS.map(async (who) => [who, (await t.get(who, `/api/v1/issues/${id}`)).statusCode] as const));
    for (const [who, status] of readable) {
      expect(status, `${who} reading ${JSON.stringify(s)}`).toBe(mayRead(who, facts) ? 200 : 404);
    }
    // The list agrees with the detail for each reader.
    const listed = await Promise.all(READERS.map(async (who) => [who, ids(await t.get(who, `/api/v1/issues?limit=200&enterpriseId=${t.d[s.owner].id}`))] as const));
    for (const [who, seen] of listed) expect(seen.includes(id), `${who} listing ${JSON.stringify(s)}`).toBe(mayRead(who, facts));
  });
});
