import type { FastifyInstance } from 'fastify';
import { DomainError } from '@huiyin/domain';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies read as bytes and decoded strictly: invalid UTF-8 is a 400 naming the body, where
 * Fastify's own parser would turn each bad byte into U+FFFD and store that. The JSON itself is
 * then parsed by Fastify's parser (prototype poisoning refused, empty bodies refused). Plain text
 * is not taken either (Fastify reads it by default): no route wants it, so it is a 415 rather
 * than a string a body schema then calls the wrong type.
 */
export function strictJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new DomainError('validation.invalid', 'the body is not valid UTF-8', { field: 'body' }), undefined);
      return;
    }
    parse(request, text, done);
  });
  // Multipart is read by the upload route alone; sent to any other route it would reach the body
  // schema as no body at all (a 400 about fields): it is the wrong media type.
  app.addHook('preValidation', async (request) => {
    const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? [];
    if (request.isMultipart() && !consumes.includes('multipart/form-data')) {
      throw new DomainError('request.unsupported_media_type', 'this route takes application/json; multipart/form-data is for uploads (POST /api/v1/attachments)', { field: 'body' });
    }
  });
}
