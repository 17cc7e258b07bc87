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
