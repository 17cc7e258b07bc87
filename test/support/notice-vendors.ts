import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a stand-in received, with what it found wrong in it (empty: as the vendor documents). */
export type VendorRequest = {
  vendor: 'wecom' | 'dingtalk' | 'aliyun' | 'tencent';
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  json: any;
  problems: string[];
};

const hmac = (alg: string, key: string | Buffer, s: string) => createHmac(alg, key).update(s).digest();
const sha256hex = (s: string) => createHash('sha256').update(s).digest('hex');
// RFC 3986, written here apart from the code under test.
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Local HTTP servers playing WeCom's and DingTalk's group robots and Alibaba Cloud's and Tencent
 * Cloud's SMS APIs: each request is checked as the vendor documents it (path, JSON shape, the
 * signature recomputed here, WeCom's 4 096-byte markdown limit) and answered as the vendor
 * would. `failNext(vendor, n, match)` answers the next n matching requests with that vendor's error.
 */
export async function startNoticeVendors(secrets: { dingtalk: string; aliyun: string; tencent: string }) {
  const requests: VendorRequest[] = [];
  const failing = new Map<string, { n: number; match: string }>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const body = Buffer.concat(chunks).toString('utf8');
      const problems: string[] = [];
      // Both SMS APIs answer at the endpoint's root; Tencent's requests carry X-TC-Action.
      const vendor: VendorRequest['vendor'] = url.pathname === '/cgi-bin/webhook/send' ? 'wecom' : url.pathname === '/robot/send' ? 'dingtalk' : req.headers['x-tc-action'] ? 'tencent' : 'aliyun';
      if ((vendor === 'aliyun' || vendor === 'tencent') && url.pathname !== '/') problems.push(`path ${url.pathname}`);
      let json: any = null;
      if (req.method !== 'POST') problems.push(`method ${req.method}`);
      if (vendor === 'aliyun') json = Object.fromEntries(new URLSearchParams(body));
      else
        try {
          json = JSON.parse(body);
        } catch {
          problems.push('body is not JSON');
        }
      if (vendor === 'wecom') checkWecom(url, json, problems);
      if (vendor === 'dingtalk') checkDingtalk(url, json, secrets.dingtalk, problems);
      if (vendor === 'aliyun') checkAliyun(req, json, secrets.aliyun, problems);
      if (vendor === 'tencent') checkTencent(req, body, json, secrets.tencent, problems);
      requests.push({ vendor, path: url.pathname, query: url.searchParams, headers: req.headers, body, json, problems });
      const rule = failing.get(vendor);
      const fails = rule && rule.n > 0 && body.includes(rule.match) ? rule.n : 0;
      if (rule && fails > 0) rule.n -= 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer(vendor, fails > 0 || problems.length > 0, problems)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    wecomUrl: (key: string) => `${base}/cgi-bin/webhook/send?key=${key}`,
    dingtalkUrl: (token: string) => `${base}/robot/send?access_token=${token}`,
    smsEndpoint: `${base}/`,
    /** Answers the next `n` requests to `vendor` whose body contains `match` with the vendor's error. */
    failNext: (vendor: VendorRequest['vendor'], n: number, match = '') => void failing.set(vendor, { n, match }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function answer(vendor: VendorRequest['vendor'], fail: boolean, problems: string[]) {
  const why = problems.join('; ') || 'stand-in told to fail';
  if (vendor === 'wecom' || vendor === 'dingtalk') return fail ? { errcode: vendor === 'wecom' ? 45009 : 130101, errmsg: why } : { errcode: 0, errmsg: 'ok' };
  if (vendor === 'aliyun') return fail ? { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: why, RequestId: 'r' } : { Code: 'OK', Message: 'OK', BizId: 'biz', RequestId: 'r' };
  return fail
    ? { Response: { Error: { Code: 'LimitExceeded.PhoneNumberDailyLimit', Message: why }, RequestId: 'r' } }
    : { Response: { SendStatusSet: [{ Code: 'Ok', Message: 'send success', SerialNo: 's' }], RequestId: 'r' } };
}

function checkWecom(url: URL, json: any, problems: string[]) {
  if (!url.searchParams.get('key')) problems.push('no key');
  if (json?.msgtype !== 'markdown') problems.push('msgtype is not markdown');
  const content = json?.markdown?.content;
  if (typeof content !== 'string' || content.length === 0) problems.push('no markdown.content');
  else if (Buffer.byteLength(content, 'utf8') > 4096) problems.push(`markdown.content is ${Buffer.byteLength(content, 'utf8')} bytes, over 4096`);
}

function checkDingtalk(url: URL, json: any, secret: string, problems: string[]) {
  if (!url.searchParams.get('access_token')) problems.push('no access_token');
  const timestamp = url.searchParams.get('timestamp') ?? '';
  const sign = url.searchParams.get('sign') ?? '';
  // DingTalk: HmacSHA256(secret, timestamp + "\n" + secret), base64; sent url-encoded (decoded by URLSearchParams).
  if (hmac('sha256', secret, `${timestamp}\n${secret}`).toString('base64') !== sign) problems.push('sign does not verify');
  if (Math.abs(Date.now() - Number(timestamp)) > 3600_000) problems.push('timestamp more than an hour off');
  if (json?.msgtype !== 'markdown' || typeof json?.markdown?.title !== 'string' || typeof json?.markdown?.text !== 'string') problems.push('not a markdown message with title and text');
}

function checkAliyun(req: IncomingMessage, params: Record<string, string>, secret: string, problems: string[]) {
  if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) problems.push('not a form post');
  const expect: Record<string, string> = { Action: 'SendSms', Version: '2017-05-25', Format: 'JSON', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0' };
  for (const [k, v] of Object.entries(expect)) if (params[k] !== v) problems.push(`${k} is ${params[k]}`);
  for (const k of ['AccessKeyId', 'SignatureNonce', 'PhoneNumbers', 'SignName', 'TemplateCode', 'TemplateParam', 'RegionId']) if (!params[k]) problems.push(`no ${k}`);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params['Timestamp'] ?? '')) problems.push(`Timestamp ${params['Timestamp']}`);
  const { Signature, ...rest } = params;
  const canonical = Object.keys(rest)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(rest[k] ?? '')}`)
    .join('&');
  const expected = hmac('sha1', `${secret}&`, `POST&${rfc3986('/')}&${rfc3986(canonical)}`).toString('base64');
  if (Signature !== expected) problems.push('Signature does not verify');
}

function checkTencent(req: IncomingMessage, body: string, json: any, secretKey: string, problems: string[]) {
  const h = req.headers;
  if (h['x-tc-action'] !== 'SendSms' || h['x-tc-version'] !== '2021-01-11' || !h['x-tc-region']) problems.push('X-TC-Action/Version/Region');
  const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/sms\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(String(h.authorization));
  if (!auth) {
    problems.push(`Authorization ${h.authorization}`);
    return;
  }
  const [, , date, signed = '', signature] = auth;
  const timestamp = Number(h['x-tc-timestamp']);
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) problems.push("credential date is not the timestamp's UTC date");
  if (!signed.split(';').includes('content-type') || !signed.split(';').includes('host')) problems.push('content-type and host not signed');
  const headers = signed
    .split(';')
    .map(
      (name) =>
        `${name}:${String(h[name] ?? '')
          .trim()
          .toLowerCase()}\n`,
    )
    .join('');
  const canonical = ['POST', '/', '', headers, signed, sha256hex(body)].join('\n');
  const toSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/sms/tc3_request`, sha256hex(canonical)].join('\n');
  const key = hmac('sha256', hmac('sha256', hmac('sha256', `TC3${secretKey}`, date ?? ''), 'sms'), 'tc3_request');
  if (hmac('sha256', key, toSign).toString('hex') !== signature) problems.push('Signature does not verify');
  if (!Array.isArray(json?.PhoneNumberSet) || !json.PhoneNumberSet.every((p: string) => /^\+86\d{11}$/.test(p))) problems.push('PhoneNumberSet not E.164');
  for (const k of ['SmsSdkAppId', 'SignName', 'TemplateId']) if (typeof json?.[k] !== 'string' || !json[k]) problems.push(`no ${k}`);
  if (!Array.isArray(json?.TemplateParamSet)) problems.push('no TemplateParamSet');
}
