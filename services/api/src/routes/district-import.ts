import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DistrictImportQuery, DistrictImportReport, FileBody } from '@huiyin/contract';
import { DomainError } from '@huiyin/domain';
import { importDistrict } from '@huiyin/engine';
import { districtTemplate, readDistrictFile } from '@huiyin/reports';
import type { Db } from '@huiyin/store';
import { officialWith } from '../auth/authenticate.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Onboarding a district from its spreadsheets (issue 19): the template, and the import with its dry run. */
export const districtImportRoutes: FastifyPluginAsyncZod<{ db: Db; maxBytes: number }> = async (app, { db, maxBytes }) => {
  app.get(
    '/api/v1/district-import/template',
    {
      schema: {
        tags: ['onboarding'],
        operationId: 'getDistrictImportTemplate',
        summary: 'The onboarding workbook to fill in (admin)',
        description:
          'Admin only. An empty XLSX with one sheet per part of the district, their Chinese headers in the first row (the required ones red) and every column stored as text: 单位, 领导, 干部, 企业, 联系人, 分包, and 说明 saying what each column holds. Named `district-template.xlsx`.',
        response: { 200: { description: 'The template workbook', content: { [XLSX]: { schema: FileBody } } } },
      },
    },
    async (request, reply) => {
      officialWith(request, 'admin');
      return reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="district-template.xlsx"')
        .send(await districtTemplate());
    },
  );

  app.post(
    '/api/v1/district-import',
    {
      schema: {
        tags: ['onboarding'],
        operationId: 'importDistrict',
        summary: 'Import units, leaders, officials, enterprises, contacts and 分包 from a workbook (admin)',
        description:
          "Admin only. One file in the multipart field `file`: an XLSX workbook with the template's sheets (any subset), or one CSV sheet named by `sheet` or by its file name (`干部.csv`). Every row is checked (required cells, the credit code's GB 32100 check character, role names, password strength, units, leaders and unit heads that exist in the file or the district, logins and codes given twice) and every error listed with its sheet, row, column and why. With `dryRun=true`, or with any error, nothing is written (`applied: false`); otherwise everything is, in one transaction. Rows are matched by unit name, leader name, login and credit code, so importing the same file again reports every row `unchanged`. Accounts created without 初始密码 have no usable password until their owner sets one through 忘记密码 (`POST /api/v1/auth/password-reset/request`) or an admin resets it. A file that is not a workbook or CSV this reads is `400 validation.invalid` naming `file`.",
        consumes: ['multipart/form-data'],
        querystring: DistrictImportQuery,
        response: { 200: DistrictImportReport },
      },
    },
    async (request) => {
      officialWith(request, 'admin');
      if (!request.isMultipart()) throw new DomainError('validation.required', 'send multipart/form-data with a "file" field', { field: 'file' });
      const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } }).catch((e: unknown) => {
        if (e instanceof Error && !('statusCode' in e)) throw new DomainError('validation.invalid', `the multipart body cannot be read: ${e.message}`, { field: 'file' });
        throw e;
      });
      if (part?.fieldname !== 'file') throw new DomainError('validation.required', 'no "file" field', { field: 'file' });
      const content = await part.toBuffer();
      if (part.file.truncated) throw new DomainError('attachment.too_large', `the file is larger than ${maxBytes} bytes`, { field: 'file' });
      const sheets = await readDistrictFile(content, part.filename ?? '', request.query.sheet).catch((e: unknown) => {
        throw new DomainError('validation.invalid', `not a workbook this reads: ${(e as Error).message}`, { field: 'file' });
      });
      if ('unknownSheet' in sheets)
        throw new DomainError('validation.invalid', `which sheet is “${sheets.unknownSheet}”? name the file 单位/领导/干部/企业/联系人/分包.csv or pass sheet`, { field: 'sheet' });
      if (Object.keys(sheets).length === 0) throw new DomainError('validation.invalid', 'no sheet named 单位, 领导, 干部, 企业, 联系人 or 分包 in the workbook', { field: 'file' });
      return importDistrict(db, sheets, { dryRun: request.query.dryRun === 'true' });
    },
  );
};
