import { shanghaiSecond } from '@huiyin/calendar';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StoredMessage } from './sink-message.ts';

export type MailPage = { port: number; close(): Promise<void> };

type MailPageOptions = {
  port: number;
  host: string;
  /** Stored messages, oldest first; read on each request. */
  messages: () => ReadonlyArray<StoredMessage>;
  clear: () => void;
};

/**
 * Serves what the sink received:
 * - `GET /` the list, newest first; `GET /messages/:id` one mail; `GET /messages/:id/raw` its source;
 * - `GET /api/messages` the list as JSON, newest first (without `raw`); `DELETE /api/messages` clears it.
 */
export async function startMailPage(opts: MailPageOptions): Promise<MailPage> {
  const server = createServer((req, res) => {
    try {
      route(req, res, opts);
    } catch (err) {
      send(res, 500, 'text/plain', String(err));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A browser keeps idle keep-alive sockets open, which would hold close() up.
        server.closeAllConnections();
      }),
  };
}

function route(req: IncomingMessage, res: ServerResponse, opts: MailPageOptions): void {
  const path = new URL(req.url ?? '/', 'http://sink').pathname;
  const newestFirst = () => [...opts.messages()].reverse();
  const byId = (id: string | undefined) => opts.messages().find((s) => String(s.id) === id);

  if (path === '/api/messages' && req.method === 'DELETE') {
    opts.clear();
    return send(res, 204, 'text/plain', '');
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
  if (path === '/api/messages') {
    const list = newestFirst().map(({ id, message: { raw: _raw, ...m } }) => ({ id, ...m }));
    return send(res, 200, 'application/json', JSON.stringify(list));
  }
  if (path === '/') return send(res, 200, 'text/html', listPage(newestFirst()));
  const one = /^\/messages\/(\d+)(\/raw)?$/.exec(path);
  const stored = byId(one?.[1]);
  if (!one || !stored) return send(res, 404, 'text/html', page('Not found', '<p>No such message. <a href="/">Back</a></p>'));
  if (one[2]) return send(res, 200, 'text/plain', stored.message.raw);
  return send(res, 200, 'text/html', messagePage(stored));
}

function listPage(list: ReadonlyArray<StoredMessage>): string {
  const rows = list
    .map(
      ({ id, message: m }) =>
        `<tr><td>${esc(shanghaiTime(m.receivedAt))}</td><td><a href="/messages/${id}">${esc(m.subject || '(no subject)')}</a></td>` + `<td>${esc(m.from)}</td><td>${esc(m.to.join(', '))}</td></tr>`,
    )
    .join('\n');
  const body = list.length ? `<table><tr><th>Received</th><th>Subject</th><th>From</th><th>To</th></tr>\n${rows}</table>` : '<p>No mail yet.</p>';
  // Refresh so a developer watching the page sees notifications arrive.
  return page(`Mail sink (${list.length})`, body, '<meta http-equiv="refresh" content="5">');
}

function messagePage({ id, message: m }: StoredMessage): string {
  const html = m.html
    ? // srcdoc in an empty sandbox: the mail's HTML renders, but its scripts and forms don't run.
      `<h2>HTML</h2><iframe sandbox srcdoc="${esc(m.html)}"></iframe>`
    : '';
  return page(
    m.subject || '(no subject)',
    `<p><a href="/">&larr; All mail</a> · <a href="/messages/${id}/raw">Source</a></p>
<dl><dt>From</dt><dd>${esc(m.from)}</dd><dt>To</dt><dd>${esc(m.to.join(', '))}</dd>
<dt>Received</dt><dd>${esc(shanghaiTime(m.receivedAt))}</dd></dl>
<h2>Text</h2><pre>${esc(m.text)}</pre>${html}`,
  );
}

function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(title)}</title>${head}
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}
pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}iframe{width:100%;height:60vh;border:1px solid #ddd}
dt{font-weight:bold}dd{margin:0 0 .5em 0}
</style></head>
<body><h1>${esc(title)}</h1>
${body}
</body></html>`;
}

function shanghaiTime(d: Date): string {
  return `${shanghaiSecond(d)} +08:00`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}
