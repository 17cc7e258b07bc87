import formbody from '@fastify/formbody';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isDomainError } from '@huiyin/domain';
import { actorOfApiKey, createFilingDesk, limitText, serviceRequests, type EngineDeps } from '@huiyin/engine';
import { PROBLEM_STATUS } from '../problem.ts';
import { sendErrors, sendList, sendOne, type Format } from './format.ts';
import { ServiceRequestBody, ServiceRequestsQuery, filingOf } from './requests.ts';

const FORMAT = z.enum(['json', 'xml']);
/** Every resource takes `jurisdiction_id`; this engine serves one district, so any value is this one. */
const Jurisdiction = z.object({ jurisdiction_id: z.string().max(100).optional() });
/** A GET takes the key as a query parameter; so does POST, in its body. */
const KeyedQuery = Jurisdiction.extend({ api_key: z.string().max(200).optional() });
/** At most this many requests in one answer, as the standard suggests. */
const MAX_REQUESTS = 1000;
/** Without a date range, the last 90 days, as the standard says. */
const DEFAULT_DAYS = 90;

const hidden = { hide: true } as const;
const formatOf = (request: FastifyRequest): Format => ((request.params as { format?: string } | undefined)?.format === 'xml' || /\.xml(\?|$)/.test(request.url) ? 'xml' : 'json');

/**
 * Open311 GeoReport v2 (docs/api.md#open311): the open standard 311 apps and FixMyStreet-style
 * clients speak. An enterprise's system files with its API key; its requests are its own issues,
 * numbered as the district numbers them. Not in /openapi.json: the standard is its contract.
 */
export const open311Routes: FastifyPluginAsyncZod<{ deps: EngineDeps; publicUrl: string }> = async (app, { deps, publicUrl }) => {
  // Form-encoded bodies, as the standard posts them: here only, the rest of the API takes JSON.
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  const desk = createFilingDesk(deps);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const format = formatOf(request);
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendErrors(
        reply,
        format,
        400,
        error.validation.map((v) => `${v.instancePath.split('/').filter(Boolean).join('.') || error.validationContext || 'request'}: ${v.message ?? 'invalid'}`),
      );
    }
    if (isDomainError(error)) return sendErrors(reply, format, PROBLEM_STATUS[error.code], [`${error.field ? `${error.field}: ` : ''}${error.message}`]);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendErrors(reply, format, status, [error.message]);
    request.log.error({ err: error }, 'unhandled error');
    return sendErrors(reply, format, 500, [`request ${request.id} failed; it has been logged`]);
  });

  /** The enterprise a key acts as; 403 in the standard's words otherwise. */
  async function keyed(reply: FastifyReply, format: Format, key: string | undefined) {
    const actor = key ? await actorOfApiKey(deps.db, key, deps.clock()) : null;
    if (!actor) sendErrors(reply, format, 403, [key ? 'api_key: invalid or revoked' : 'api_key: required (an enterprise sees and files its own requests)']);
    return actor;
  }

  app.get('/open311/v2/discovery.:format', { schema: { ...hidden, params: z.object({ format: FORMAT }), querystring: Jurisdiction } }, async (request, reply) =>
    sendOne(reply, request.params.format, 'discovery', {
      changeset: '2026-12-06T00:00:00+08:00',
      contact: `${publicUrl}/docs`,
      key_service: `${publicUrl}/ (企业账号：设置 → API 密钥; POST /api/v1/enterprises/{id}/api-keys)`,
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${publicUrl}/open311/v2`,
          changeset: '2026-12-06T00:00:00+08:00',
          type: 'production',
          formats: ['application/json', 'text/xml'],
        },
      ],
    }),
  );

  const services = async () => {
    const rows = await deps.db.selectFrom('categories').select(['code', 'name', 'green_channel', 'handling_limit']).orderBy('code').execute();
    return rows.map((c) => ({
      service_code: c.code,
      service_name: c.name,
      description: `${c.name}：办理时限 ${limitText(c.handling_limit)}${c.green_channel ? '（绿色通道）' : ''}`,
      metadata: false,
      type: 'realtime',
      keywords: c.name,
      group: c.green_channel ? '绿色通道' : '企业诉求',
    }));
  };

  app.get('/open311/v2/services.:format', { schema: { ...hidden, params: z.object({ format: FORMAT }), querystring: Jurisdiction } }, async (request, reply) =>
    sendList(reply, request.params.format, 'services', 'service', await services()),
  );

  app.get('/open311/v2/services/:code.:format', { schema: { ...hidden, params: z.object({ code: z.string().min(1).max(50), format: FORMAT }), querystring: Jurisdiction } }, async (request, reply) => {
    const service = (await services()).find((s) => s.service_code === request.params.code);
    if (!service) return sendErrors(reply, request.params.format, 404, [`service_code ${request.params.code}: no such service`]);
    // No service asks for attributes beyond the description: every definition is empty.
    return sendOne(reply, request.params.format, 'service_definition', { service_code: service.service_code, attributes: [] });
  });

  app.post('/open311/v2/requests.:format', { schema: { ...hidden, params: z.object({ format: FORMAT }), body: ServiceRequestBody } }, async (request, reply) => {
    const { format } = request.params;
    const actor = await keyed(reply, format, request.body.api_key);
    if (!actor) return reply;
    const category = await deps.db.selectFrom('categories').select('id').where('code', '=', request.body.service_code).executeTakeFirst();
    if (!category) return sendErrors(reply, format, 400, [`service_code ${request.body.service_code}: no such service`]);
    const key = request.headers['idempotency-key'];
    const ack = await desk.file({ actor, input: filingOf(category.id, request.body), idempotencyKey: typeof key === 'string' && key.length >= 8 && key.length <= 200 ? key : undefined });
    const notice = ack.expectedDueAt ? `已受理，工单号 ${ack.issue.number}，预计 ${ack.expectedDueAt.toISOString().slice(0, 10)} 前答复` : `已受理，工单号 ${ack.issue.number}`;
    return sendList(reply, format, 'service_requests', 'request', [{ service_request_id: ack.issue.number, service_notice: notice, account_id: null }]);
  });

  const toRequest = (r: Awaited<ReturnType<typeof serviceRequests>>[number]) => ({
    service_request_id: r.number,
    status: r.closedAt ? 'closed' : 'open',
    status_notes: r.statusNote,
    service_name: r.categoryName,
    service_code: r.categoryCode,
    description: r.description,
    agency_responsible: r.unitName ?? '',
    service_notice: '',
    requested_datetime: r.filedAt,
    updated_datetime: r.updatedAt,
    expected_datetime: r.expectedDueAt,
    address: r.address,
    address_id: '',
    zipcode: '',
    lat: '',
    long: '',
    media_url: '',
  });

  app.get('/open311/v2/requests.:format', { schema: { ...hidden, params: z.object({ format: FORMAT }), querystring: ServiceRequestsQuery.extend(KeyedQuery.shape) } }, async (request, reply) => {
    const { format } = request.params;
    const actor = await keyed(reply, format, request.query.api_key);
    if (!actor) return reply;
    const q = request.query;
    const to = q.end_date ? new Date(q.end_date) : deps.clock();
    const from = q.start_date ? new Date(q.start_date) : new Date(to.getTime() - DEFAULT_DAYS * 86_400_000);
    const rows = await serviceRequests(deps.db, actor.enterpriseId, {
      numbers: q.service_request_id?.split(',').map((n) => n.trim()),
      categoryCode: q.service_code,
      status: q.status,
      from,
      to,
      limit: MAX_REQUESTS,
    });
    return sendList(reply, format, 'service_requests', 'request', rows.map(toRequest));
  });

  app.get('/open311/v2/requests/:id.:format', { schema: { ...hidden, params: z.object({ id: z.string().min(1).max(40), format: FORMAT }), querystring: KeyedQuery } }, async (request, reply) => {
    const { format } = request.params;
    const actor = await keyed(reply, format, request.query.api_key);
    if (!actor) return reply;
    const rows = await serviceRequests(deps.db, actor.enterpriseId, { numbers: [request.params.id], from: new Date(0), to: deps.clock(), limit: 1 });
    if (rows.length === 0) return sendErrors(reply, format, 404, [`service_request_id ${request.params.id}: no such request of this enterprise`]);
    return sendList(reply, format, 'service_requests', 'request', rows.map(toRequest));
  });

  app.get(
    '/open311/v2/tokens/:token.:format',
    { schema: { ...hidden, params: z.object({ token: z.string().min(1).max(200), format: FORMAT }), querystring: KeyedQuery } },
    // Every request is answered with its service_request_id at once: no token is ever handed out.
    async (request, reply) => sendErrors(reply, request.params.format, 404, [`token ${request.params.token}: no such token (requests here are answered with their service_request_id at once)`]),
  );
};
