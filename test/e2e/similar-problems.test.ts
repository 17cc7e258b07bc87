import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDistrict, expectProblem, type E2eDistrict } from './e2e-district.ts';

let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict();
});
afterAll(() => t.close());

type Similar = { items: Array<{ id: string; number: string; sameEnterprise: boolean; similarity: number; duplicateOf: string | null }> };
const similarOf = async (who: Parameters<E2eDistrict['get']>[0], id: string) => {
  const res = await t.get(who, `/api/v1/issues/${id}/similar?limit=50`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Similar;
};

describe('similar problems (相似诉求)', () => {
  it('ranks Chinese texts with no spaces by shared wording, across enterprises, most similar first', async () => {
    const powerCut = await t.file('entA', { title: '线路故障频繁停电影响连续生产', description: '园区东区供电线路老化，近一个月停电六次，连续生产线被迫中断，请协调供电公司抢修。' });
    const sameWords = await t.file('entA', { title: '线路故障频繁停电', description: '东区供电线路老化，本月停电多次，生产线中断，请供电公司抢修线路。' });
    const otherEnterprise = await t.file('entB', { title: '厂区频繁停电影响生产', description: '供电不稳定，频繁停电，设备重启损失大。' });
    const unrelated = await t.file('entA', { title: '申请延续排污许可证', description: '排污许可证年底到期，材料已备齐，请指导办理延续手续。' });

    const ids = (await similarOf('dispatcher', powerCut.id)).items;
    const mine = ids.filter((x) => [sameWords.id, otherEnterprise.id, unrelated.id].includes(x.id));
    // The near duplicate first, then the other enterprise's power cut; the permit never.
    expect(mine.map((x) => x.id)).toEqual([sameWords.id, otherEnterprise.id]);
    expect(mine.map((x) => x.sameEnterprise)).toEqual([true, false]);
    expect(mine[0]!.similarity).toBeGreaterThan(mine[1]!.similarity);
    expect(mine[1]!.similarity).toBeGreaterThanOrEqual(0.15);
    expect(ids.map((x) => x.id)).not.toContain(powerCut.id);
    // Ranked by similarity throughout, not only among these.
    const scores = ids.map((x) => x.similarity);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('shows an enterprise only its own issues among the similar, and no one an issue they may not read', async () => {
    const a = await t.file('entA', { title: '园区污水管网堵塞返水', description: '雨季园区污水管网堵塞，厂区返水，请排查疏通。' });
    const b = await t.file('entB', { title: '园区污水管网堵塞', description: '污水管网堵塞返水，厂区被淹，请尽快疏通。' });
    const b2 = await t.file('entB', { title: '污水管网堵塞返水严重', description: '园区污水管网堵塞，返水严重，请排查。' });
    // The dispatcher sees both enterprises' issues as related.
    expect((await similarOf('dispatcher', b.id)).items.map((x) => x.id)).toEqual(expect.arrayContaining([a.id, b2.id]));
    // The enterprise sees its own duplicate only.
    const forB = (await similarOf('entB', b.id)).items;
    expect(forB.map((x) => x.id)).toContain(b2.id);
    expect(forB.every((x) => x.sameEnterprise)).toBe(true);
    expect(forB.map((x) => x.id)).not.toContain(a.id);
    // Another enterprise's issue is not there for it at all.
    expectProblem(await t.get('entB', `/api/v1/issues/${a.id}/similar`), 404);
  });

  it('leaves out ended issues unless asked, and links a likely duplicate in one action', async () => {
    const first = await t.dispatched('entA');
    const again = await t.file('entA');
    const found = (await similarOf('dispatcher', again.id)).items.find((x) => x.id === first.id);
    expect(found?.sameEnterprise).toBe(true);
    await t.ok('dispatcher', again.id, 'mark-duplicate', { duplicateOf: found!.id });
    // Now ended (合并办理), it is no longer among the open similar issues of the original, but is with open=false.
    expect((await similarOf('dispatcher', first.id)).items.map((x) => x.id)).not.toContain(again.id);
    const all = (await t.get('dispatcher', `/api/v1/issues/${first.id}/similar?open=false&limit=50`)).json() as Similar;
    expect(all.items.find((x) => x.id === again.id)?.duplicateOf).toBe(first.id);
  });

  it('refuses a bad limit naming the field', async () => {
    const a = await t.file('entA');
    const res = expectProblem(await t.get('dispatcher', `/api/v1/issues/${a.id}/similar?limit=0`), 400);
    expect(JSON.stringify(res)).toContain('querystring.limit');
  });
});
