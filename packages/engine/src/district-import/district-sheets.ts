import type { Role } from '@huiyin/domain';

/**
 * The sheets of a district's onboarding workbook, in the order they are imported (a later sheet
 * names what an earlier one holds: officials name units and leaders, assignments all of them).
 * Headers are Chinese, as the district's own spreadsheets are; `*` in the template marks the
 * required ones. docs/domain.md#assignment for 分包.
 */
export const DISTRICT_SHEETS = {
  units: { title: '单位', columns: { name: '单位名称', shortName: '简称' }, required: ['name', 'shortName'] },
  leaders: { title: '领导', columns: { name: '姓名', title: '职务' }, required: ['name', 'title'] },
  officials: {
    title: '干部',
    columns: { login: '登录名', name: '姓名', email: '邮箱', phone: '手机', roles: '角色', unit: '所属单位', leader: '对应领导', password: '初始密码' },
    required: ['login', 'name', 'email', 'roles'],
  },
  enterprises: {
    title: '企业',
    columns: { creditCode: '统一社会信用代码', name: '企业名称', isKey: '重点企业', industry: '行业', address: '地址', login: '登录名', password: '初始密码' },
    required: ['creditCode', 'name', 'industry', 'address'],
  },
  contacts: {
    title: '联系人',
    columns: { creditCode: '统一社会信用代码', name: '姓名', role: '职务', phone: '手机', email: '邮箱', sms: '短信通知' },
    required: ['creditCode', 'name', 'role', 'phone'],
  },
  assignments: {
    title: '分包',
    columns: { creditCode: '统一社会信用代码', leader: '分包领导', unit: '责任单位', unitHead: '单位负责人登录名' },
    required: ['creditCode', 'leader', 'unit', 'unitHead'],
  },
} as const;

export type SheetKey = keyof typeof DISTRICT_SHEETS;
export const SHEET_KEYS = Object.keys(DISTRICT_SHEETS) as SheetKey[];

/** One data row as read from a sheet: its row number in the sheet (the header is row 1) and each cell's text by header. */
export type SheetRow = { row: number; cells: Readonly<Record<string, string>> };
/** One sheet as read: the headers found in its first row, and the rows below that are not empty. */
export type SheetTable = { headers: readonly string[]; rows: readonly SheetRow[] };
/** A workbook's sheets by key; a sheet not given is left alone. */
export type DistrictSheets = Partial<Record<SheetKey, SheetTable>>;

/** Which sheet a title (the Chinese one, or the key) names. */
export function sheetKeyOf(title: string): SheetKey | null {
  const t = title.trim();
  return SHEET_KEYS.find((k) => k === t || DISTRICT_SHEETS[k].title === t) ?? null;
}

/** Role names as districts write them (docs/domain.md#roles), and the codes themselves. */
const ROLE_NAMES: Record<string, Role> = {
  承办人: 'handler',
  区直单位负责人: 'unit_head',
  单位负责人: 'unit_head',
  区级领导: 'leader',
  分包领导: 'leader',
  营商办: 'dispatcher',
  服务中心: 'dispatcher',
  督查室: 'supervisor',
  管理员: 'admin',
  handler: 'handler',
  unit_head: 'unit_head',
  leader: 'leader',
  dispatcher: 'dispatcher',
  supervisor: 'supervisor',
  admin: 'admin',
};

/** The roles a cell names (`承办人、区直单位负责人`), or the first name it does not know. */
export function parseRoles(cell: string): { roles: Role[] } | { unknown: string } {
  const roles: Role[] = [];
  for (const name of cell.split(/[,，、;；/\s]+/).filter(Boolean)) {
    const role = ROLE_NAMES[name];
    if (!role) return { unknown: name };
    if (!roles.includes(role)) roles.push(role);
  }
  return { roles };
}

/** 是/否 as districts write it; null for anything else. */
export function parseYesNo(cell: string): boolean | null {
  const t = cell.trim().toLowerCase();
  if (['是', 'y', 'yes', 'true', '1', '重点'].includes(t)) return true;
  if (['否', 'n', 'no', 'false', '0', ''].includes(t)) return false;
  return null;
}
