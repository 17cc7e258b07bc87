import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar, shanghaiDate } from '@huiyin/calendar';
import { openDistrict, type E2eDistrict } from './e2e-district.ts';

let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict();
});
afterAll(() => t.close());

describe('duplicates (合并办理)', () => {
  it('links the duplicate of a duplicate to the real original, which lists every duplicate', async () => {
    const original = await t.dispatched();
    const first = await t.file('entA');
    const second = await t.file('entA');
    await t.ok('dispatcher', first.id, 'mark-duplicate', { duplicateOf: original.id });
    // Named as a duplicate of the duplicate: it joins the original, which is still open.
    await t.ok('dispatcher', second.id, 'mark-duplicate', { duplicateOf: first.id });
    const read = async (id: string) => (await t.get('dispatcher', `/api/v1/issues/${id}`)).json() as { duplicateOf: string | null; duplicates: Array<{ id: string }> };
    expect((await read(second.id)).duplicateOf).toBe(original.id);
    expect((await read(original.id)).duplicates.map((x) => x.id)).toEqual([first.id, second.id]);
    // The enterprise is pointed to the original's number.
    const told = (await t.api.db.selectFrom('outbox').select('payload').where('issue_id', '=', second.id).execute()).map((m) => (m.payload as { subject: string }).subject);
    expect(told.some((s) => s.startsWith('【合并办理】') && s.includes(original.number))).toBe(true);
  });
});

describe('milestones given as dates', () => {
  it('fall due at the close of business of that day, not at midnight', async () => {
    const calendar = createWorkingCalendar();
    // A working day a week or more ahead, as the dispatcher picks it in a date field.
    let day = new Date(Date.now() + 7 * 86_400_000);
    while (!calendar.isWorkingDay(shanghaiDate(day))) day = new Date(day.getTime() + 86_400_000);
    const date = shanghaiDate(day);
    const issue = await t.file('entA');
    await t.ok('dispatcher', issue.id, 'list', {
      milestones: [
        { title: '完成现场勘察', dueAt: `${date}T00:00:00+08:00` },
        { title: '出具方案', dueAt: `${date}T15:00:00+08:00` },
      ],
    });
    const detail = (await t.get('dispatcher', `/api/v1/issues/${issue.id}`)).json() as { milestones: Array<{ title: string; dueAt: string }> };
    expect(detail.milestones.map((m) => m.dueAt)).toEqual([new Date(`${date}T17:30:00+08:00`).toISOString(), new Date(`${date}T15:00:00+08:00`).toISOString()]);
  });
});
