import ExcelJS from 'exceljs';
import { DISTRICT_SHEETS, SHEET_KEYS, sheetKeyOf, type DistrictSheets, type SheetKey, type SheetRow, type SheetTable } from '@huiyin/engine';
import { newWorkbook, toBuffer } from './sheet.ts';

/** What each column holds, for the template's 说明 sheet. */
const NOTES: Record<SheetKey, Record<string, string>> = {
  units: { name: '区直单位全称，按名称对应（唯一）', shortName: '简称' },
  leaders: { name: '区级领导姓名，按姓名对应', title: '职务，如 副区长' },
  officials: {
    login: '登录名（唯一）：字母、数字和 . _ @ -',
    name: '姓名',
    email: '邮箱：通知和重置密码邮件发往这里',
    phone: '手机（可空）',
    roles: '角色，多个用顿号隔开：承办人、区直单位负责人、区级领导、营商办、督查室、管理员',
    unit: '所属单位（单位表或系统中的单位名称）；承办人和单位负责人必填',
    leader: '对应领导（领导表中的姓名）；区级领导必填',
    password: '初始密码（可空；首次登录须修改）。空则由本人通过“忘记密码”邮件设置',
  },
  enterprises: {
    creditCode: '18位统一社会信用代码（校验位按 GB 32100-2015 检查），按它对应',
    name: '企业名称',
    isKey: '重点企业：是 / 否（空为否）',
    industry: '行业',
    address: '地址',
    login: '企业账号登录名（可空）',
    password: '企业账号初始密码（可空；首次登录须修改）',
  },
  contacts: {
    creditCode: '企业的统一社会信用代码',
    name: '联系人姓名',
    role: '职务',
    phone: '手机',
    email: '邮箱（可空）',
    sms: '短信通知：是 / 否（空为否）；是则须填手机号，企业的通知也发短信到这个手机',
  },
  assignments: { creditCode: '企业的统一社会信用代码', leader: '分包领导姓名', unit: '责任单位名称', unitHead: '该单位负责人的登录名（干部表或系统中）' },
};

/**
 * The onboarding template: one sheet per part of the district with its Chinese headers (the
 * required ones red), every column stored as text so that credit codes and phone numbers keep
 * their digits, and a 说明 sheet saying what each column holds.
 */
export async function districtTemplate(): Promise<Buffer> {
  const wb = newWorkbook();
  for (const key of SHEET_KEYS) {
    const def = DISTRICT_SHEETS[key];
    const ws = wb.addWorksheet(def.title, { views: [{ state: 'frozen', ySplit: 1 }] });
    const fields = Object.keys(def.columns) as Array<keyof typeof def.columns>;
    ws.columns = fields.map((f) => ({ header: def.columns[f], width: Math.max(12, String(def.columns[f]).length * 3), style: { numFmt: '@' } }));
    fields.forEach((f, i) => {
      const required = (def.required as readonly string[]).includes(f as string);
      ws.getRow(1).getCell(i + 1).font = { bold: true, ...(required ? { color: { argb: 'FFC00000' } } : {}) };
    });
  }
  const notes = wb.addWorksheet('说明');
  notes.columns = [
    { header: '表', width: 10 },
    { header: '列', width: 20 },
    { header: '必填', width: 6 },
    { header: '说明', width: 80 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const key of SHEET_KEYS) {
    const def = DISTRICT_SHEETS[key];
    for (const [field, header] of Object.entries(def.columns)) {
      notes.addRow([def.title, header, (def.required as readonly string[]).includes(field) ? '是' : '', NOTES[key][field] ?? '']);
    }
  }
  return toBuffer(wb);
}

/** A header as written: a trailing * (a required mark some districts add) and spaces dropped. */
const headerOf = (text: string) => text.replace(/[*＊\s]+$/u, '').trim();

/**
 * The district's sheets in an XLSX workbook, by sheet title (单位, 领导, 干部, 企业, 联系人, 分包, or
 * the English keys); other sheets (说明) are left out. Each cell is read as the text Excel shows.
 */
export async function readDistrictWorkbook(content: Buffer): Promise<DistrictSheets> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const sheets: DistrictSheets = {};
  for (const ws of wb.worksheets) {
    const key = sheetKeyOf(ws.name);
    if (!key) continue;
    const headers: string[] = [];
    ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => void (headers[col - 1] = headerOf(cell.text ?? '')));
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      if (number === 1) return;
      const cells: Record<string, string> = {};
      headers.forEach((h, i) => {
        if (h) cells[h] = (row.getCell(i + 1).text ?? '').trim();
      });
      if (Object.values(cells).some(Boolean)) rows.push({ row: number, cells });
    });
    sheets[key] = { headers: headers.filter(Boolean), rows };
  }
  return sheets;
}

/** One sheet from CSV text (UTF-8, a BOM allowed; quotes as RFC 4180): the header line, then rows numbered as in a spreadsheet. */
export function readDistrictCsv(text: string): SheetTable {
  const lines = parseCsv(text.replace(/^\uFEFF/, ''));
  const headers = (lines[0] ?? []).map(headerOf);
  const rows: SheetRow[] = [];
  lines.slice(1).forEach((fields, i) => {
    const cells = Object.fromEntries(headers.map((h, j) => [h, (fields[j] ?? '').trim()]).filter(([h]) => h));
    if (Object.values(cells).some(Boolean)) rows.push({ row: i + 2, cells });
  });
  return { headers: headers.filter(Boolean), rows };
}

/** Fields of each record; a quoted field may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * A district file as uploaded: an XLSX workbook (by its zip signature), or one CSV sheet named by
 * `sheet` or else by the file's name (`干部.csv`, `officials.csv`). Null `sheet` for a CSV whose
 * sheet cannot be told.
 */
export async function readDistrictFile(content: Buffer, filename: string, sheet?: string): Promise<DistrictSheets | { unknownSheet: string }> {
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readDistrictWorkbook(content);
  const name = sheet ?? filename.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const key = sheetKeyOf(name);
  if (!key) return { unknownSheet: name };
  return { [key]: readDistrictCsv(content.toString('utf8')) };
}
