import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';

/** The two formats of GeoReport v2: each resource is `<name>.json` or `<name>.xml`. */
export type Format = 'json' | 'xml';

const xml = new XMLBuilder({ format: true, processEntities: true, suppressEmptyNode: false });

/** A value as the standard writes it: times in ISO 8601 with Shanghai's offset, nulls as empty. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return isoShanghai(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** 2026-12-06T09:30:00+08:00: the district's own clock, as Open311 clients show times as given. */
function isoShanghai(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

/**
 * Sends a list in the asked format: JSON as an array, XML as `<root><item>…</item></root>` (the
 * standard's element names, e.g. `service_requests` of `request`).
 */
export function sendList(reply: FastifyReply, format: Format, root: string, item: string, items: readonly object[], status = 200) {
  const body = items.map(plain);
  if (format === 'json') return reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
  const doc = `<?xml version="1.0" encoding="utf-8"?>\n${xml.build({ [root]: { [item]: body } })}`;
  return reply.status(status).type('text/xml; charset=utf-8').send(doc);
}

/** Sends one object: JSON as itself, XML as `<root>…</root>`. */
export function sendOne(reply: FastifyReply, format: Format, root: string, value: object) {
  const body = plain(value);
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
  return reply.type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?>\n${xml.build({ [root]: body })}`);
}

/** The standard's error list: `[{ code, description }]`, or `<errors><error>…</error></errors>`. */
export function sendErrors(reply: FastifyReply, format: Format, status: number, descriptions: readonly string[]) {
  return sendList(
    reply,
    format,
    'errors',
    'error',
    descriptions.map((description) => ({ code: status, description })),
    status,
  );
}
