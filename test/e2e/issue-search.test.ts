import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchIssues } from '@huiyin/engine';
import { openDistrict, expectProblem, fieldsOf, type E2eDistrict } from './e2e-district.ts';

let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict();
});
afterAll(() => t.close());

type Hit = { id: string; number: string; title: string; enterpriseName: string };
type Found = { exact: Hit | null; items: Hit[] };
const search = async (who: Parameters<E2eDistrict['get']>[0], q: string) => {
  const res = await t.get(who, `/api/v1/search/issues?q=${encodeURIComponent(q)}&limit=50`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Found;
};
/** Three ideographs no other suite writes: this run's issues are told apart from the rest of the database by them. */
const mark = String.fromCodePoint(...[0, 1, 2].map(() => 0x4e00 + Math.floor(Math.random() * 0x5000)));

describe('search (搜索)', () => {
  it('opens an issue by its number, written in full, shortened or as the bare sequence', async () => {
    const issue = await t.file('entA');
    const seq = Number(issue.number.slice(5));
    for (const q of [issue.number, `${issue.number.slice(0, 4)}-${seq}`, String(seq)]) expect((await search('dispatcher', q)).exact?.id, q).toBe(issue.id);
    // Another enterprise may not open it by number.
    expect((await search('entB', issue.number)).exact).toBeNull();
    expect((await search('entA', issue.number)).exact?.id).toBe(issue.id);
  });

  it('finds Chinese words inside unspaced titles and descriptions, every term, newest first', async () => {
    const older = await t.file('entA', { title: `${mark}线路故障频繁停电影响连续生产`, description: '园区东区线路老化，近一个月停电六次。' });
    const newer = await t.file('entB', { title: `${mark}厂房屋顶漏水`, description: '暴雨后厂房屋顶漏水，频繁停电，设备受潮。' });
    const other = await t.file('entA', { title: `${mark}申请延续排污许可证`, description: '许可证年底到期。' });
    const ids = async (who: Parameters<E2eDistrict['get']>[0], q: string) => (await search(who, q)).items.map((x) => x.id);
    // 频繁停电 sits inside one title and one description; newest first.
    expect(await ids('dispatcher', `${mark} 频繁停电`)).toEqual([newer.id, older.id]);
    // Every term must appear, in any order of terms.
    expect(await ids('dispatcher', `停电 ${mark} 漏水`)).toEqual([newer.id]);
    // The bigrams of 频繁故障 (频繁 繁故 故障) are not all there: no match, though 故障 and 频繁 both are.
    expect(await ids('dispatcher', `${mark} 频繁故障`)).toEqual([]);
    // Upper and lower case are one for Latin letters and digits.
    expect(await ids('dispatcher', `${mark} 许可证`)).toEqual([other.id]);
  });

  it('finds the same through the bigram index as through the newest issues, in batches, confirmed and scoped', async () => {
    const filed = [];
    for (const [i, who] of (['entA', 'entB', 'entA', 'entB', 'entA'] as const).entries()) filed.push(await t.file(who, { title: `${mark}园区雨污管网改造${i}`, description: '雨季返水。' }));
    const dispatcher = { kind: 'official' as const, accountId: t.d.newId(), officialId: t.d.people.dispatcher.id, roles: ['dispatcher' as const], unitId: null, leaderId: null };
    const entB = { kind: 'enterprise' as const, accountId: t.d.newId(), enterpriseId: t.d.entB.id };
    const now = new Date();
    // No issue is among the "newest" (recent: 1 reads one): every match comes from the index.
    const viaIndex = await searchIssues(t.api.db, dispatcher, { q: `${mark} 管网改造`, limit: 3, now, recent: 1 });
    expect(viaIndex.items.map((x) => x.id)).toEqual([filed[4]!.id, filed[3]!.id, filed[2]!.id]);
    expect((await searchIssues(t.api.db, entB, { q: `${mark} 管网改造`, limit: 10, now, recent: 1 })).items.map((x) => x.id)).toEqual([filed[3]!.id, filed[1]!.id]);
    // The bigrams match 管网改 but the text confirms the order of the terms' characters.
    expect((await searchIssues(t.api.db, dispatcher, { q: `${mark} 改造管网`, limit: 10, now, recent: 1 })).items).toEqual([]);
    expect((await search('dispatcher', `${mark} 管网改造`)).items.map((x) => x.id)).toEqual([...filed].reverse().map((x) => x.id));
  });

  it('confirms the text itself: bigrams all present but not in order find nothing', async () => {
    const [x, y, z] = [...String.fromCodePoint(...[0, 1, 2].map((i) => 0x4e00 + 0x5000 + i * 7 + Math.floor(Math.random() * 5)))];
    const issue = await t.file('entA', { title: `${mark}${x}${y}和${y}${z}`, description: '两段文字。' });
    expect((await search('dispatcher', `${x}${y}`)).items.map((i) => i.id)).toContain(issue.id);
    expect((await search('dispatcher', `${mark} ${x}${y}${z}`)).items).toEqual([]);
  });

  it('finds a single character among recent issues', async () => {
    const issue = await t.file('entA', { title: `${mark}电`, description: '单字。' });
    expect((await search('dispatcher', mark.slice(0, 1))).items.map((i) => i.id)).toContain(issue.id);
  });

  it('never shows an enterprise another enterprise’s issue', async () => {
    const a = await t.file('entA', { title: `${mark}天然气管道压力不足`, description: '冬季用气高峰压力不足。' });
    const b = await t.file('entB', { title: `${mark}天然气管道压力不足`, description: '冬季用气高峰压力不足。' });
    expect((await search('entB', `${mark} 天然气`)).items.map((x) => x.id)).toEqual([b.id]);
    expect((await search('entA', `${mark} 天然气`)).items.map((x) => x.id)).toEqual([a.id]);
    expect((await search('dispatcher', `${mark} 天然气`)).items.map((x) => x.id)).toEqual([b.id, a.id]);
  });

  it('refuses an empty or overlong query naming the field', async () => {
    for (const q of ['', '%20%20', 'x'.repeat(101)]) {
      const body = expectProblem(await t.get('dispatcher', `/api/v1/search/issues?q=${q}`), 400);
      expect(fieldsOf(body)).toEqual(['querystring.q']);
    }
  });
});
