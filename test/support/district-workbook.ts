import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { makeCreditCode } from '@huiyin/domain';

/** Sheets by title, each a header line then rows, as a district's clerk fills the template. */
export type SheetLines = Record<string, string[][]>;

/** An XLSX workbook of these sheets, every cell written as text. */
export async function workbookOf(sheets: SheetLines): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [title, lines] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(title);
    for (const line of lines) ws.addRow(line);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid credit code, the `n`th of a test run's (distinct for n below 10 000). */
export function creditCodeOf(seed: number, n: number): string {
  return makeCreditCode('91', '419901', String((seed * 10_000 + n) % 100_000_000).padStart(8, '0'));
}

/** The same code with a wrong check character. */
export function withWrongCheck(code: string): string {
  const last = code.at(-1) === '0' ? '1' : '0';
  return code.slice(0, 17) + last;
}

/** One file uploaded to the import as multipart/form-data. */
export function uploadDistrict(app: FastifyInstance, token: string, content: Buffer, filename: string, query = ''): Promise<LightMyRequestResponse> {
  const boundary = `----huiyin-${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: `/api/v1/district-import${query}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

/**
 * A realistic district as its clerks would fill the template, named apart by `tag`: 12 units,
 * 6 leaders, 30 officials (a head and a handler per unit, the leaders), the 85 key enterprises
 * with two contacts each, and their 分包. Unit heads carry `headPhone`; the head of the first unit
 * and the first enterprise's account get `initialPassword`. With `smsBoss` the sheet has the
 * 短信通知 column and the first enterprise's general manager opts in with that mobile.
 */
export function realisticDistrict(o: { tag: string; initialPassword: string; headPhone: string; smsBoss?: string }) {
  const { tag } = o;
  const seed = Math.floor(Math.random() * 9_000) + 1;
  const UNITS = ['发改局', '工信局', '住建局', '自然资源局', '生态环境局', '市场监管局', '人社局', '商务局', '税务局', '供电公司', '水务局', '交通局'].map((n) => `${n}-${tag}`);
  const LEADERS = ['王建国', '李明华', '张秀英', '刘志强', '陈静', '杨帆'].map((n) => `${n}-${tag}`);
  const headLogin = (i: number) => `head${i}-${tag}`;
  const handlerLogin = (i: number) => `handler${i}-${tag}`;
  const leaderLogin = (i: number) => `leader${i}-${tag}`;
  const entLogin = `ent0-${tag}`;
  const code = (i: number) => creditCodeOf(seed, i);
  const sms = o.smsBoss !== undefined;
  const contact = (i: number): string[][] => {
    const boss = [code(i), `总经理${i}`, '总经理', i === 0 && sms ? (o.smsBoss ?? '') : `1380000${String(i).padStart(4, '0')}`, `boss${i}-${tag}@ent.test`];
    const office = [code(i), `办公室${i}`, '办公室主任', `1370000${String(i).padStart(4, '0')}`, ''];
    return sms
      ? [
          [...boss, i === 0 ? '是' : '否'],
          [...office, ''],
        ]
      : [boss, office];
  };
  const sheets = (): SheetLines => ({
    单位: [['单位名称', '简称'], ...UNITS.map((u) => [u, u.split('-')[0] ?? u])],
    领导: [['姓名', '职务'], ...LEADERS.map((l) => [l, '副区长'])],
    干部: [
      ['登录名', '姓名', '邮箱', '手机', '角色', '所属单位', '对应领导', '初始密码'],
      ...UNITS.map((u, i) => [headLogin(i), `负责人${i}-${tag}`, `${headLogin(i)}@gov.test`, o.headPhone, '区直单位负责人、承办人', u, '', i === 0 ? o.initialPassword : '']),
      ...UNITS.map((u, i) => [handlerLogin(i), `承办人${i}-${tag}`, `${handlerLogin(i)}@gov.test`, '', '承办人', u, '', '']),
      ...LEADERS.map((l, i) => [leaderLogin(i), l, `${leaderLogin(i)}@gov.test`, '', '区级领导', '', l, '']),
    ],
    企业: [
      ['统一社会信用代码', '企业名称', '重点企业', '行业', '地址', '登录名', '初始密码'],
      ...Array.from({ length: 85 }, (_, i) => [code(i), `重点企业${i}-${tag}`, '是', '先进装备制造', `霁川区产业园${i}号`, i === 0 ? entLogin : '', i === 0 ? o.initialPassword : '']),
    ],
    联系人: [['统一社会信用代码', '姓名', '职务', '手机', '邮箱', ...(sms ? ['短信通知'] : [])], ...Array.from({ length: 85 }, (_, i) => contact(i)).flat()],
    分包: [['统一社会信用代码', '分包领导', '责任单位', '单位负责人登录名'], ...Array.from({ length: 85 }, (_, i) => [code(i), LEADERS[i % 6] ?? '', UNITS[i % 12] ?? '', headLogin(i % 12)])],
  });
  return { UNITS, LEADERS, headLogin, handlerLogin, leaderLogin, entLogin, code, sheets };
}
