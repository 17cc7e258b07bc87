import { creditCodeProblem, isMobileNumber, type Role } from '@huiyin/domain';
import { passwordWeakness } from '../password-strength.ts';
import { DISTRICT_SHEETS, SHEET_KEYS, parseRoles, parseYesNo, type DistrictSheets, type SheetKey, type SheetRow } from './district-sheets.ts';

/** What is wrong with one cell (or a missing column: row 1, the header's name). */
export type ImportRowError = { sheet: string; row: number; column: string; message: string };

type UnitRecord = { row: number; name: string; shortName: string };
type LeaderRecord = { row: number; name: string; title: string };
type OfficialRecord = { row: number; login: string; name: string; email: string; phone: string | null; roles: Role[]; unit: string | null; leader: string | null; password: string | null };
type EnterpriseRecord = { row: number; creditCode: string; name: string; isKey: boolean; industry: string; address: string; login: string | null; password: string | null };
type ContactRecord = { row: number; creditCode: string; name: string; role: string; phone: string; email: string; sms: boolean };
type AssignmentRecord = { row: number; creditCode: string; leader: string; unit: string; unitHead: string };

/** The rows that read well, sheet by sheet; a sheet missing a required column gives none. */
export type ParsedDistrict = {
  units: UnitRecord[];
  leaders: LeaderRecord[];
  officials: OfficialRecord[];
  enterprises: EnterpriseRecord[];
  contacts: ContactRecord[];
  assignments: AssignmentRecord[];
  /** Sheets given (even if refused), so the report lists them. */
  given: SheetKey[];
};

const LOGIN = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+\-() ]{5,20}$/;

const CREDIT_CODE_WHY = {
  length: '统一社会信用代码应为18位',
  characters: '统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）',
  check_character: '统一社会信用代码校验位不符（GB 32100-2015）',
} as const;

/**
 * Reads every sheet's rows into records, checking each cell on its own (required, format, the
 * credit code's check character, role names, password strength) and keys repeated within a
 * sheet. What needs the database (does this unit exist?) is checked by `importDistrict`.
 */
export function parseSheets(sheets: DistrictSheets, errors: ImportRowError[]): ParsedDistrict {
  const parsed: ParsedDistrict = { units: [], leaders: [], officials: [], enterprises: [], contacts: [], assignments: [], given: [] };
  for (const key of SHEET_KEYS) {
    const table = sheets[key];
    if (!table) continue;
    parsed.given.push(key);
    const def = DISTRICT_SHEETS[key];
    const columns = def.columns as Record<string, string>;
    const missing = (def.required as readonly string[]).filter((field) => !table.headers.includes(columns[field] ?? ''));
    for (const field of missing) errors.push({ sheet: def.title, row: 1, column: columns[field] ?? field, message: '缺少必填列' });
    if (missing.length > 0) continue;
    for (const row of table.rows) readRow(key, row, parsed, errors);
  }
  refuseRepeats(parsed, errors);
  return parsed;
}

function readRow(key: SheetKey, { row, cells }: SheetRow, parsed: ParsedDistrict, errors: ImportRowError[]): void {
  const def = DISTRICT_SHEETS[key];
  const columns = def.columns as Record<string, string>;
  let ok = true;
  const fail = (field: string, message: string) => {
    ok = false;
    errors.push({ sheet: def.title, row, column: columns[field] ?? field, message });
  };
  const text = (field: string) => (cells[columns[field] ?? ''] ?? '').trim();
  for (const field of def.required as readonly string[]) if (!text(field)) fail(field, '必填');
  const optional = (field: string) => text(field) || null;
  const login = (field: string) => {
    const v = text(field);
    if (v && !LOGIN.test(v)) fail(field, '登录名只能用字母、数字和 . _ @ -，2到64位');
    return v;
  };
  const password = (field: string, forLogin: string, name: string) => {
    const v = optional(field);
    const weak = v ? passwordWeakness(v, forLogin, [name]) : null;
    if (weak) fail(field, `密码太弱：${weak}`);
    return v;
  };
  const creditCode = () => {
    const v = text('creditCode').toUpperCase();
    const problem = v ? creditCodeProblem(v) : null;
    if (problem) fail('creditCode', CREDIT_CODE_WHY[problem]);
    return v;
  };
  if (key === 'units') {
    const record = { row, name: text('name'), shortName: text('shortName') };
    if (ok) parsed.units.push(record);
  } else if (key === 'leaders') {
    const record = { row, name: text('name'), title: text('title') };
    if (ok) parsed.leaders.push(record);
  } else if (key === 'officials') {
    const who = login('login');
    const email = text('email');
    if (email && !EMAIL.test(email)) fail('email', '邮箱格式不对');
    const phone = optional('phone');
    if (phone && !PHONE.test(phone)) fail('phone', '手机号格式不对');
    const roleCell = parseRoles(text('roles'));
    const roles = 'roles' in roleCell ? roleCell.roles : [];
    if ('unknown' in roleCell) fail('roles', `未知角色“${roleCell.unknown}”（承办人、区直单位负责人、区级领导、营商办、督查室、管理员）`);
    const unit = optional('unit');
    const leader = optional('leader');
    if (!unit && roles.some((r) => r === 'handler' || r === 'unit_head')) fail('unit', '承办人和单位负责人须填所属单位');
    if (!leader && roles.includes('leader')) fail('leader', '区级领导须填对应领导（领导表中的姓名）');
    const record = { row, login: who, name: text('name'), email, phone, roles, unit, leader, password: password('password', who, text('name')) };
    if (ok) parsed.officials.push(record);
  } else if (key === 'enterprises') {
    const code = creditCode();
    const isKey = parseYesNo(text('isKey'));
    if (isKey === null) fail('isKey', '填“是”或“否”');
    const who = login('login') || null;
    const pw = password('password', who ?? '', text('name'));
    if (pw && !who) fail('login', '填了初始密码须填登录名');
    const record = { row, creditCode: code, name: text('name'), isKey: isKey ?? false, industry: text('industry'), address: text('address'), login: who, password: pw };
    if (ok) parsed.enterprises.push(record);
  } else if (key === 'contacts') {
    const code = creditCode();
    const phone = text('phone');
    if (phone && !PHONE.test(phone)) fail('phone', '手机号格式不对');
    const email = text('email');
    if (email && !EMAIL.test(email)) fail('email', '邮箱格式不对');
    const sms = parseYesNo(text('sms'));
    if (sms === null) fail('sms', '填“是”或“否”');
    else if (sms && phone && !isMobileNumber(phone)) fail('sms', '短信通知须填手机号（11位）');
    const record = { row, creditCode: code, name: text('name'), role: text('role'), phone, email, sms: sms ?? false };
    if (ok) parsed.contacts.push(record);
  } else {
    const record = { row, creditCode: creditCode(), leader: text('leader'), unit: text('unit'), unitHead: login('unitHead') };
    if (ok) parsed.assignments.push(record);
  }
}

/** A key given twice in one sheet (or a login in both people sheets): the later row is the error. */
function refuseRepeats(parsed: ParsedDistrict, errors: ImportRowError[]): void {
  const once = <R extends { row: number }>(key: SheetKey, records: R[], field: string, keyOf: (r: R) => string, seen = new Map<string, string>()) => {
    const def = DISTRICT_SHEETS[key];
    return records.filter((r) => {
      const k = keyOf(r);
      const first = seen.get(k);
      if (first) errors.push({ sheet: def.title, row: r.row, column: (def.columns as Record<string, string>)[field] ?? field, message: `与${first}重复` });
      else seen.set(k, `${def.title}第${r.row}行`);
      return !first;
    });
  };
  parsed.units = once('units', parsed.units, 'name', (r) => r.name);
  parsed.leaders = once('leaders', parsed.leaders, 'name', (r) => r.name);
  const logins = new Map<string, string>();
  parsed.officials = once('officials', parsed.officials, 'login', (r) => r.login.toLowerCase(), logins);
  parsed.enterprises = once('enterprises', parsed.enterprises, 'creditCode', (r) => r.creditCode);
  const withLogin = parsed.enterprises.filter((r) => r.login);
  const kept = new Set(once('enterprises', withLogin, 'login', (r) => (r.login ?? '').toLowerCase(), logins));
  parsed.enterprises = parsed.enterprises.filter((r) => !r.login || kept.has(r));
  parsed.contacts = once('contacts', parsed.contacts, 'name', (r) => `${r.creditCode}\u0000${r.name}`);
  parsed.assignments = once('assignments', parsed.assignments, 'creditCode', (r) => r.creditCode);
}
