import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, openDistrict, type E2eDistrict } from './e2e-district.ts';

/** 时限规则: how many open clocks a policy change moves, asked before it is saved (issue 19). */

let t: E2eDistrict;
beforeAll(async () => {
  t = await openDistrict();
});
afterAll(() => t.close());

type Preview = { clocks: Record<string, number>; issues: number; tracksRescheduled: number };
const preview = async (change: object) => {
  const res = await t.api.call(t.as('admin'), 'POST', `/api/v1/categories/${t.d.categoryId}/preview`, change);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Preview;
};

describe('previewing a category policy change', () => {
  it('counts the clocks the change would recompute, leaves out those under their own limit, writes nothing, and matches what saving then does', async () => {
    // Two dispatched issues (claim and handling clocks running), one on the dispatcher's own handling limit, one only filed.
    await t.dispatched();
    await t.dispatched('entA', { timeLimit: { amount: 300, unit: 'seconds' } });
    await t.file();
    const handling = await preview({ handlingLimit: { amount: 150, unit: 'seconds' } });
    expect(handling).toEqual({ clocks: { handling: 1 }, issues: 1, tracksRescheduled: 0 });
    const both = await preview({ handlingLimit: { amount: 150, unit: 'seconds' }, claimLimit: { amount: 40, unit: 'seconds' } });
    expect(both.clocks).toEqual({ claim: 2, handling: 1 });
    expect(both.issues).toBe(2);
    // A bound moves no clock; the same limit again moves none either.
    expect(await preview({ maxExtensions: 3, handlingLimit: { amount: 120, unit: 'seconds' } })).toEqual({ clocks: {}, issues: 0, tracksRescheduled: 0 });
    // Nothing was saved by the previews.
    const row = await t.api.db.selectFrom('categories').select(['handling_limit', 'max_extensions']).where('id', '=', t.d.categoryId).executeTakeFirstOrThrow();
    expect(row).toEqual({ handling_limit: { amount: 120, unit: 'seconds' }, max_extensions: 1 });

    const saved = await t.api.call(t.as('admin'), 'PATCH', `/api/v1/categories/${t.d.categoryId}`, { handlingLimit: { amount: 150, unit: 'seconds' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as { recompute: { recomputed: number } }).recompute.recomputed).toBe(handling.issues);
  });

  it('is for admins only', async () => {
    expectProblem(await t.api.call(t.as('dispatcher'), 'POST', `/api/v1/categories/${t.d.categoryId}/preview`, { handlingLimit: { amount: 150, unit: 'seconds' } }), 403);
    expectProblem(await t.api.call(t.as('admin'), 'POST', `/api/v1/categories/${t.d.newId()}/preview`, { handlingLimit: { amount: 150, unit: 'seconds' } }), 404);
  });
});
