import { createHash, createHmac } from 'node:crypto';
import { VENDOR_TIMEOUT_MS } from './robot-reply.ts';
import type { SmsCredentials, SmsProvider, SmsRequest } from './sms-provider.ts';

const CONTENT_TYPE = 'application/json; charset=utf-8';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();

/**
 * Tencent Cloud's TC3-HMAC-SHA256 `Authorization` for a POST of `payload` to `host`: the canonical
 * request (method, `/`, empty query, the signed headers content-type, host and x-tc-action, the
 * payload's SHA-256), the string to sign with `<date>/sms/tc3_request`, and the key derived from
 * `"TC3" + SecretKey` through the UTC date, the service and `tc3_request`.
 */
function tencentAuthorization(o: { secretId: string; secretKey: string; host: string; action: string; payload: string; timestamp: number }): string {
  const date = new Date(o.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonical = ['POST', '/', '', `content-type:${CONTENT_TYPE}\nhost:${o.host}\nx-tc-action:${o.action.toLowerCase()}\n`, signedHeaders, sha256(o.payload)].join('\n');
  const scope = `${date}/sms/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(o.timestamp), scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${o.secretKey}`, date), 'sms'), 'tc3_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${o.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** A mainland mobile in E.164, as SendSms wants it (`+86…`). */
const e164 = (mobile: string): string => (mobile.startsWith('+') ? mobile : `+86${mobile.replace(/\D/g, '')}`);

/** The SendSms body of API version 2021-01-11; `SessionContext` carries our message's id. */
function tencentSendSmsBody(creds: SmsCredentials, request: SmsRequest) {
  return {
    PhoneNumberSet: request.to.map(e164),
    SmsSdkAppId: creds.sdkAppId ?? '',
    SignName: creds.signName,
    TemplateId: request.templateId,
    TemplateParamSet: request.params.map(([, value]) => value),
    SessionContext: request.outId,
  };
}

type SendStatus = { Code?: string; Message?: string };
type TencentReply = { Response?: { Error?: { Code?: string; Message?: string }; SendStatusSet?: SendStatus[] } };

/** Tencent Cloud SMS (SendSms); an `Error`, or any number whose status is not `Ok`, throws. */
export function tencentSms(creds: SmsCredentials): SmsProvider {
  return {
    name: 'tencent',
    async send(request, at) {
      const payload = JSON.stringify(tencentSendSmsBody(creds, request));
      const timestamp = Math.floor(at.getTime() / 1000);
      const host = new URL(creds.endpoint).host;
      const authorization = tencentAuthorization({ secretId: creds.accessKeyId, secretKey: creds.accessKeySecret, host, action: 'SendSms', payload, timestamp });
      const res = await fetch(creds.endpoint, {
        method: 'POST',
        headers: {
          authorization,
          'content-type': CONTENT_TYPE,
          'x-tc-action': 'SendSms',
          'x-tc-version': '2021-01-11',
          'x-tc-timestamp': String(timestamp),
          'x-tc-region': creds.region,
        },
        body: payload,
        signal: AbortSignal.timeout(VENDOR_TIMEOUT_MS),
      });
      const text = await res.text();
      let reply: TencentReply = {};
      try {
        reply = JSON.parse(text) as TencentReply;
      } catch {
        // Reported below with the status.
      }
      const error = reply.Response?.Error;
      const refused = reply.Response?.SendStatusSet?.find((s) => s.Code !== 'Ok');
      if (!res.ok || error || !reply.Response?.SendStatusSet || refused)
        throw new Error(`Tencent SMS ${res.status} ${error?.Code ?? refused?.Code ?? ''}: ${error?.Message ?? refused?.Message ?? text.slice(0, 200)}`);
    },
  };
}
