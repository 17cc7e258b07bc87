import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Attachment, FileBody, Id, misleading } from '@huiyin/contract';
import { DomainError, unstorable } from '@huiyin/domain';
import { visibleTo, type Db } from '@huiyin/store';
import { actorOf } from '../auth/authenticate.ts';
import { STORED_MEDIA_TYPES, sniffMediaType } from './sniff.ts';
import { IdempotencyHeaders, claimUpload } from '../idempotency.ts';
import { refuseOverQuota, type UploadQuota } from './upload-quota.ts';

type Options = { db: Db; dir: string; maxBytes: number; quota: UploadQuota };

/**
 * A multipart body the parser cannot read (cut short, no boundary) is the client's fault: 400.
 * Errors with an HTTP status (the size limit's 413) and I/O faults (a syscall failed) pass as they are.
 */
function malformed(e: unknown): unknown {
  if (!(e instanceof Error) || 'statusCode' in e || 'syscall' in e || e instanceof DomainError) return e;
  return new DomainError('validation.invalid', `the multipart body cannot be read: ${e.message}`, { field: 'file' });
}

/**
 * Attachments are uploaded first, then named by id when filing or supplying documents. The file
 * is written to a temporary name and moved into place only once it is whole and accepted.
 */
export const attachmentRoutes: FastifyPluginAsyncZod<Options> = async (app, { db, dir, maxBytes, quota }) => {
  app.post(
    '/api/v1/attachments',
    {
      schema: {
        tags: ['attachments'],
        operationId: 'uploadAttachment',
        summary: `Upload one file (multipart field "file"; PDF, images, Office, OFD; at most ${maxBytes} bytes)`,
        description:
          'Any signed-in account. The type is read from the content, never from the name or the declared type: anything else, or an empty file, is `415 attachment.type_refused`; a larger file is `413 attachment.too_large`. The upload stays unattached, downloadable by its uploader only, until the same account names its id when filing an issue, supplying information or a document, or adding information; one never named is deleted after a day. Each account may upload at most ATTACHMENT_DAILY_COUNT files and ATTACHMENT_DAILY_BYTES bytes a day (Asia/Shanghai): beyond it `429 attachment.quota_exceeded` with `Retry-After` (the seconds to midnight).',
        consumes: ['multipart/form-data'],
        headers: IdempotencyHeaders,
        response: { 201: Attachment },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.kind === 'system') throw new DomainError('auth.forbidden', 'no');
      if (!request.isMultipart()) throw new DomainError('validation.required', 'send multipart/form-data with a "file" field', { field: 'file' });
      // The day's count already used up: refused before the file is read.
      await refuseOverQuota(db, reply, quota, actor.accountId, 0, new Date());
      const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } }).catch((e: unknown) => {
        throw malformed(e);
      });
      if (part?.fieldname !== 'file') throw new DomainError('validation.required', 'no "file" field', { field: 'file' });
      // A name that cannot be stored, or that would show as another (`invoice\u202efdp.exe`): refused before anything is written.
      const badName = part.filename ? (unstorable(part.filename) ?? misleading(part.filename)) : null;
      if (badName) throw new DomainError('validation.invalid', `file name ${badName}`, { field: 'file.filename' });
      const id = randomUUID();
      const tmp = join(dir, 'tmp', id);
      await mkdir(join(dir, 'tmp'), { recursive: true });
      const hash = createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      const fh = await open(tmp, 'w');
      try {
        for await (const chunk of part.file as AsyncIterable<Buffer>) {
          if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
          hash.update(chunk);
          size += chunk.length;
          await fh.write(chunk);
        }
      } catch (e) {
        await fh.close();
        await rm(tmp, { force: true });
        throw malformed(e);
      }
      await fh.close();
      if (part.file.truncated || size > maxBytes) {
        await rm(tmp, { force: true });
        throw new DomainError('attachment.too_large', `the file is larger than ${maxBytes} bytes`, { field: 'file' });
      }
      const filename = part.filename.slice(0, 200) || 'file';
      const mediaType = sniffMediaType(head, filename);
      if (!mediaType || size === 0) {
        await rm(tmp, { force: true });
        throw new DomainError('attachment.type_refused', 'accepted: PDF, PNG, JPEG, Word, Excel, PowerPoint, OFD, ZIP', { field: 'file' });
      }
      const sha256 = hash.digest('hex');
      // Idempotency-Key: known only now that the file is read. A retry of a kept upload answers
      // the first upload again, and its own copy is dropped.
      const claimed = await claimUpload(db, request, reply, { filename, size, sha256 }).catch(async (e: unknown) => {
        await rm(tmp, { force: true });
        throw e;
      });
      if (!claimed) {
        await rm(tmp, { force: true });
        return reply;
      }
      const now = new Date();
      const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}`;
      await mkdir(join(dir, key, '..'), { recursive: true });
      await rename(tmp, join(dir, key));
      try {
        // The account's row is locked while its day's uploads are summed: parallel uploads cannot all slip under the quota.
        const row = await db.transaction().execute(async (tx) => {
          await tx.selectFrom('accounts').select('id').where('id', '=', actor.accountId).forUpdate().execute();
          await refuseOverQuota(tx, reply, quota, actor.accountId, size, now);
          return tx
            .insertInto('attachments')
            .values({ id, uploaded_by: actor.accountId, filename, media_type: mediaType, size_bytes: size, sha256, storage_key: key, created_at: now })
            .returning(['id', 'filename', 'media_type as mediaType', 'size_bytes as sizeBytes', 'sha256'])
            .executeTakeFirstOrThrow();
        });
        return reply.status(201).send(row);
      } catch (e) {
        await rm(join(dir, key), { force: true });
        throw e;
      }
    },
  );

  app.get(
    '/api/v1/attachments/:id',
    {
      schema: {
        tags: ['attachments'],
        operationId: 'downloadAttachment',
        summary: 'Download an attachment you uploaded or whose issue you may see',
        description:
          'Anyone else, or an unknown id, gets `404 attachment.not_found`. Sent with `Content-Disposition: attachment` under its uploaded file name, the media type found at upload, and `nosniff`.',
        params: z.object({ id: Id }),
        response: {
          200: { description: 'The file, as an attachment, with the media type read from its content', content: Object.fromEntries(STORED_MEDIA_TYPES.map((type) => [type, { schema: FileBody }])) },
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await db.selectFrom('attachments').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      const mine = row && actor.kind !== 'system' && row.uploaded_by === actor.accountId;
      const seen = row?.issue_id && (await db.selectFrom('issues').select('id').where('id', '=', row.issue_id).where(visibleTo(actor)).executeTakeFirst());
      if (!row || (!mine && !seen)) throw new DomainError('attachment.not_found', 'no such attachment');
      // A stream is sent as it is, never through the serializer.
      const file = createReadStream(join(dir, row.storage_key));
      return reply
        .header('content-type', row.media_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file);
    },
  );
};
