import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { importDistrict, type DistrictImportReport, type DistrictSheets } from '@huiyin/engine';
import { districtTemplate, readDistrictFile } from '@huiyin/reports';
import type { Db } from '@huiyin/store';

export const IMPORT_USAGE = `  import [--dry-run] <file>…     load a district: an .xlsx workbook (单位, 领导, 干部, 企业, 联系人, 分包) or .csv sheets named by file (干部.csv) or --sheet; one transaction, nothing written on any error
  import template <out.xlsx>    write the empty workbook with its Chinese headers and a 说明 sheet`;

/** `huiyin import …`; returns the exit code: 0 imported (or a clean dry run), 1 errors listed, 2 usage. */
export async function importCommand(args: string[], db: Db): Promise<number> {
  if (args[0] === 'template') {
    if (args.length !== 2) return usage();
    await writeFile(args[1] ?? '', await districtTemplate());
    console.log(`template written to ${args[1]}`);
    return 0;
  }
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false }, sheet: { type: 'string' } } });
  if (positionals.length === 0 || (values.sheet && positionals.length !== 1)) return usage();
  const sheets: DistrictSheets = {};
  for (const file of positionals) {
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch (e) {
      console.error(`cannot read ${file}: ${(e as Error).message}`);
      return 1;
    }
    const read = await readDistrictFile(content, file, values.sheet).catch((e: unknown) => ({ unreadable: (e as Error).message }));
    if ('unknownSheet' in read) {
      console.error(`${file}: which sheet is “${read.unknownSheet}”? name the file 单位/领导/干部/企业/联系人/分包.csv or pass --sheet`);
      return 1;
    }
    if ('unreadable' in read) {
      console.error(`${file}: not a workbook this reads (${read.unreadable})`);
      return 1;
    }
    Object.assign(sheets, read);
  }
  const report = await importDistrict(db, sheets, { dryRun: values['dry-run'] });
  printReport(report);
  return report.errors.length > 0 ? 1 : 0;
}

function printReport(report: DistrictImportReport): void {
  for (const s of report.sheets) console.log(`${s.title}: ${s.created} created, ${s.changed} changed, ${s.unchanged} unchanged`);
  for (const e of report.errors) console.error(`${e.sheet} row ${e.row}, ${e.column}: ${e.message}`);
  if (report.errors.length > 0) console.error(`${report.errors.length} errors: nothing imported`);
  else console.log(report.applied ? 'imported' : 'dry run: nothing written');
}

function usage(): number {
  console.error(`usage:\n${IMPORT_USAGE}`);
  return 2;
}
