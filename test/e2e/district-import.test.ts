import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDistrictWorkbook } from '@huiyin/reports';
import { importCommand } from '../../services/cli/src/import-command.ts';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, unique, type SmallDistrict } from '../support/district.ts';
import { realisticDistrict, uploadDistrict, withWrongCheck, workbookOf, type SheetLines } from '../support/district-workbook.ts';
import { startMailRelay, type MailRelay } from '../support/mail-relay.ts';

/**
 * Onboarding a real district from its spreadsheets (issue 19): 12 units, 6 leaders, 30 officials,
 * the 85 key enterprises with two contacts each and their 分包, from one XLSX.
 */

type Report = {
  dryRun: boolean;
  applied: boolean;
  errors: Array<{ sheet: string; row: number; column: string; message: string }>;
  sheets: Array<{ sheet: string; created: number; changed: number; unchanged: number }>;
};

const INITIAL = 'Qiantang-Tide-7391-start';
let api: TestApi;
let d: SmallDistrict;
let admin: string;
let relay: MailRelay;
const tag = unique();
const district = realisticDistrict({ tag, initialPassword: INITIAL, headPhone: '13900000000' });
const { UNITS, LEADERS, headLogin, handlerLogin, leaderLogin, entLogin } = district;
/** The district as its clerks would fill the template; each call gives lines to edit before the file is made. */
const districtSheets = district.sheets;

const importing = async (sheets: SheetLines, query = '') => {
  const res = await uploadDistrict(api.app, admin, await workbookOf(sheets), 'district.xlsx', query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Report;
};

/** Rows of this district in each table the import writes. */
async function ours() {
  const n = (r: { n: string | number | bigint }) => Number(r.n);
  const like = `%${tag}%`;
  const count = (table: 'units' | 'leaders' | 'officials' | 'enterprises', column: 'name') =>
    api.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(column, 'like', like)
      .executeTakeFirstOrThrow()
      .then(n);
  const accounts = await api.db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('login', 'like', like)
    .executeTakeFirstOrThrow()
    .then(n);
  const assignments = await api.db
    .selectFrom('assignments')
    .innerJoin('enterprises', 'enterprises.id', 'assignments.enterprise_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('enterprises.name', 'like', like)
    .executeTakeFirstOrThrow()
    .then(n);
  return {
    units: await count('units', 'name'),
    leaders: await count('leaders', 'name'),
    officials: await count('officials', 'name'),
    enterprises: await count('enterprises', 'name'),
    accounts,
    assignments,
  };
}

beforeAll(async () => {
  api = await startApi();
  d = await createDistrict(api.db);
  admin = await api.login(d.people.admin.login);
  relay = await startMailRelay(api.db);
}, 60_000);
afterAll(async () => {
  await relay.stop();
  await api.close();
});

describe('importing a district from its workbook', () => {
  it('lists every broken row of a dry run with sheet, row, column and why, and writes nothing', async () => {
    const broken = districtSheets();
    const enterprises = broken['企业'] ?? [];
    const officials = broken['干部'] ?? [];
    // Row 6 of 企业 (the 5th enterprise): a check character that does not match.
    const bad = enterprises[5] ?? [];
    bad[0] = withWrongCheck(bad[0] ?? '');
    // 干部 row 14 (handler 0): a unit nobody has; row 15 (handler 1) takes head 0's login.
    const stray = officials[13] ?? [];
    stray[5] = `不存在的局-${tag}`;
    const twin = officials[14] ?? [];
    twin[0] = headLogin(0);
    // 联系人 without its required 手机 column.
    broken['联系人'] = (broken['联系人'] ?? []).map((line) => line.filter((_, i) => i !== 3));
    // 分包 row 6 names the broken enterprise's code: its own check-character error.
    const assignment = broken['分包']?.[5] ?? [];
    assignment[0] = bad[0] ?? '';
    const before = await ours();

    const report = await importing(broken, '?dryRun=true');
    expect(report.applied).toBe(false);
    expect(report.dryRun).toBe(true);
    const where = report.errors.map((e) => `${e.sheet}:${e.row}:${e.column}`);
    expect(where).toEqual(['干部:14:所属单位', '干部:15:登录名', '企业:6:统一社会信用代码', '联系人:1:手机', '分包:6:统一社会信用代码']);
    expect(report.errors.find((e) => e.sheet === '企业')?.message).toContain('校验位');
    expect(report.errors.find((e) => e.column === '所属单位')?.message).toContain(`不存在的局-${tag}`);
    expect(report.errors.find((e) => e.column === '登录名')?.message).toContain('干部第2行');
    expect(report.errors.find((e) => e.sheet === '联系人')?.message).toBe('缺少必填列');
    expect(await ours()).toEqual(before);

    // Without dryRun the same file is refused whole: still nothing written.
    const refused = await importing(broken);
    expect(refused.applied).toBe(false);
    expect(refused.errors).toHaveLength(5);
    expect(await ours()).toEqual(before);
  });

  it('imports the fixed file in one go, reporting what it created; the same file again changes nothing', async () => {
    const dry = await importing(districtSheets(), '?dryRun=true');
    expect(dry.errors).toEqual([]);
    expect(dry.applied).toBe(false);
    expect(await ours()).toEqual({ units: 0, leaders: 0, officials: 0, enterprises: 0, accounts: 0, assignments: 0 });

    const first = await importing(districtSheets());
    expect(first.errors).toEqual([]);
    expect(first.applied).toBe(true);
    const created = Object.fromEntries(first.sheets.map((s) => [s.sheet, [s.created, s.changed, s.unchanged]]));
    expect(created).toEqual({ units: [12, 0, 0], leaders: [6, 0, 0], officials: [30, 0, 0], enterprises: [85, 0, 0], contacts: [170, 0, 0], assignments: [85, 0, 0] });
    expect(await ours()).toEqual({ units: 12, leaders: 6, officials: 30, enterprises: 85, accounts: 31, assignments: 85 });

    const again = await importing(districtSheets());
    expect(again.applied).toBe(true);
    expect(again.sheets.map((s) => [s.sheet, s.created, s.changed])).toEqual(SHEETS.map((s) => [s, 0, 0]));
    expect(again.sheets.map((s) => s.unchanged)).toEqual([12, 6, 30, 85, 170, 85]);
  });

  it('changes only what changed: a moved handler, a new address, a new 分包 unit', async () => {
    const sheets = districtSheets();
    const officials = sheets['干部'] ?? [];
    const handler = officials[13] ?? [];
    handler[5] = UNITS[3] ?? '';
    const enterprise = sheets['企业']?.[2] ?? [];
    enterprise[4] = '霁川区新址路1号';
    const assignment = sheets['分包']?.[1] ?? [];
    assignment[2] = UNITS[1] ?? '';
    assignment[3] = headLogin(1);
    const report = await importing(sheets);
    const changed = Object.fromEntries(report.sheets.map((s) => [s.sheet, s.changed]));
    expect(changed).toEqual({ units: 0, leaders: 0, officials: 1, enterprises: 1, contacts: 0, assignments: 1 });
    const moved = await api.db
      .selectFrom('officials')
      .innerJoin('accounts', 'accounts.official_id', 'officials.id')
      .innerJoin('units', 'units.id', 'officials.unit_id')
      .select('units.name')
      .where('accounts.login', '=', handlerLogin(0))
      .executeTakeFirstOrThrow();
    expect(moved.name).toBe(UNITS[3]);
    // Back as it was, for the tests below.
    await importing(districtSheets());
  });

  it('reads a CSV sheet through the CLI, and writes the template with every sheet', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'huiyin-import-'));
    try {
      const template = join(dir, 'template.xlsx');
      expect(await importCommand(['template', template], api.db)).toBe(0);
      const sheets = await readDistrictWorkbook(await readFile(template));
      expect(Object.keys(sheets)).toEqual(SHEETS);
      expect(sheets.enterprises?.headers).toEqual(['统一社会信用代码', '企业名称', '重点企业', '行业', '地址', '登录名', '初始密码']);

      const csv = join(dir, '单位.csv');
      await writeFile(csv, `\uFEFF单位名称,简称\n"${UNITS[0]}",发改局\n"新设局,${tag}",新设局\n`);
      expect(await importCommand(['--dry-run', csv], api.db)).toBe(0);
      expect(await api.db.selectFrom('units').select('id').where('name', '=', `新设局,${tag}`).executeTakeFirst()).toBeUndefined();
      expect(await importCommand([csv], api.db)).toBe(0);
      expect(await api.db.selectFrom('units').select('short_name').where('name', '=', `新设局,${tag}`).executeTakeFirst()).toEqual({ short_name: '新设局' });
      const wrong = join(dir, 'leaders.csv');
      await writeFile(wrong, '姓名\n某人\n');
      expect(await importCommand([wrong], api.db)).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an issue filed by an imported enterprise reaches its imported unit head and leader', async () => {
    // The enterprise's account from the sheet: its one-time password must be changed first.
    const first = await api.call(null, 'POST', '/api/v1/auth/login', { login: entLogin, password: INITIAL });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ mustChangePassword: true });
    const changed = await api.call(first.json().token, 'POST', '/api/v1/auth/password', { currentPassword: INITIAL, newPassword: 'Huangshan-Pine-4402-mine' });
    expect(changed.statusCode, changed.body).toBe(200);
    const ent = changed.json().token as string;
    const filed = await api.call(ent, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title: '新厂房用电报装迟迟未批', description: '三号厂房已竣工，申请用电报装一个月未获答复。' });
    expect(filed.statusCode, filed.body).toBe(201);
    const issue = filed.json() as { id: string; number: string };
    const dispatcher = await api.login(d.people.dispatcher.login);
    // Listed with the assignment's defaults: the imported leader and unit.
    expect((await api.call(dispatcher, 'POST', `/api/v1/issues/${issue.id}/list`, {})).statusCode).toBe(200);
    expect((await api.call(dispatcher, 'POST', `/api/v1/issues/${issue.id}/dispatch`, {})).statusCode).toBe(200);
    const row = await api.db
      .selectFrom('issues')
      .innerJoin('units', 'units.id', 'issues.lead_unit_id')
      .innerJoin('leaders', 'leaders.id', 'issues.leader_id')
      .select(['units.name as unit', 'leaders.name as leader'])
      .where('issues.id', '=', issue.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ unit: UNITS[0], leader: LEADERS[0] });

    // The imported unit head hears of it by mail at the address from the sheet, and in the bell.
    const mail = await relay.sink.waitFor((m) => m.subject.startsWith('【待签收】') && m.subject.includes(issue.number) && m.to.includes(`${headLogin(0)}@gov.test`), 30_000);
    expect(mail.to).toContain(`${handlerLogin(0)}@gov.test`);
    const signIn = await api.call(null, 'POST', '/api/v1/auth/login', { login: headLogin(0), password: INITIAL });
    const head = (await api.call(signIn.json().token, 'POST', '/api/v1/auth/password', { currentPassword: INITIAL, newPassword: 'Lushan-Falls-5177-head' })).json().token as string;
    const bell = await api.call(head, 'GET', '/api/v1/notifications');
    expect((bell.json() as { items: Array<{ subject: string }> }).items.map((n) => n.subject)).toContain(`【待签收】${issue.number} 新厂房用电报装迟迟未批`);
    // And the imported leader's 分包 list holds the enterprise.
    const leader = await api.db.selectFrom('accounts').select('official_id').where('login', '=', leaderLogin(0)).executeTakeFirstOrThrow();
    const leaderRow = await api.db
      .selectFrom('officials')
      .select('leader_id')
      .where('id', '=', leader.official_id ?? '')
      .executeTakeFirstOrThrow();
    const assigned = await api.db
      .selectFrom('assignments')
      .innerJoin('enterprises', 'enterprises.id', 'assignments.enterprise_id')
      .select('enterprises.name')
      .where('assignments.leader_id', '=', leaderRow.leader_id ?? '')
      .execute();
    expect(assigned.map((a) => a.name)).toContain(`重点企业0-${tag}`);
  }, 60_000);

  it('is for admins only, and refuses a file it cannot read naming the field', async () => {
    const dispatcher = await api.login(d.people.dispatcher.login);
    expect((await uploadDistrict(api.app, dispatcher, await workbookOf(districtSheets()), 'district.xlsx', '?dryRun=true')).statusCode).toBe(403);
    const junk = await uploadDistrict(api.app, admin, Buffer.from('PK\u0003\u0004 not a zip at all'), 'district.xlsx');
    expect(junk.statusCode).toBe(400);
    expect(junk.json()).toMatchObject({ errors: [{ field: 'file' }] });
    const unnamed = await uploadDistrict(api.app, admin, Buffer.from('a,b\n1,2\n'), 'data.csv');
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json()).toMatchObject({ errors: [{ field: 'sheet' }] });
    // A CSV sheet named by its (Chinese) file name, through the API.
    const csv = await uploadDistrict(api.app, admin, Buffer.from(`姓名,职务\n${LEADERS[0]},副区长\n新领导-${tag},区长助理\n`), '领导.csv', '?dryRun=true');
    expect(csv.statusCode, csv.body).toBe(200);
    expect((csv.json() as Report).sheets).toEqual([{ sheet: 'leaders', title: '领导', created: 1, changed: 0, unchanged: 1 }]);
    const template = await api.call(admin, 'GET', '/api/v1/district-import/template');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
  });
});

const SHEETS = ['units', 'leaders', 'officials', 'enterprises', 'contacts', 'assignments'];
