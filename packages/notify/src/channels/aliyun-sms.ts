import { createHmac, randomUUID } from 'node:crypto';
import { VENDOR_TIMEOUT_MS } from './robot-reply.ts';
import { percentEncode, type SmsCredentials, type SmsProvider, type SmsRequest } from './sms-provider.ts';

/**
 * Alibaba Cloud's RPC signature, version 1.0 (HMAC-SHA1): the parameters sorted by name,
 * percent-encoded as `k=v` joined by `&`; the string to sign `METHOD&%2F&` + that query encoded
 * once more; the HMAC-SHA1 of it keyed by `AccessKeySecret + "&"`, base64.
 */
function aliyunSignature(params: Record<string, string>, secret: string, method = 'POST'): string {
  const query = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? '')}`)
    .join('&');
  return createHmac('sha1', `${secret}&`)
    .update(`${method}&${percentEncode('/')}&${percentEncode(query)}`)
    .digest('base64');
}

/** The SendSms parameters of API version 2017-05-25, signed. `OutId` carries our message's id. */
function aliyunSendSmsParams(creds: SmsCredentials, request: SmsRequest, at: Date, nonce: string): Record<string, string> {
  const params: Record<string, string> = {
    AccessKeyId: creds.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    OutId: request.outId,
    PhoneNumbers: request.to.join(','),
    RegionId: creds.region,
    SignName: creds.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: nonce,
    SignatureVersion: '1.0',
    TemplateCode: request.templateId,
    TemplateParam: JSON.stringify(Object.fromEntries(request.params)),
    Timestamp: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
  };
  return { ...params, Signature: aliyunSignature(params, creds.accessKeySecret) };
}

/** Alibaba Cloud SMS (dysmsapi SendSms), a form POST to the endpoint; `Code` other than OK throws. */
export function aliyunSms(creds: SmsCredentials): SmsProvider {
  return {
    name: 'aliyun',
    async send(request, at) {
      const body = new URLSearchParams(aliyunSendSmsParams(creds, request, at, randomUUID()));
      const res = await fetch(creds.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
        signal: AbortSignal.timeout(VENDOR_TIMEOUT_MS),
      });
      const text = await res.text();
      let reply: { Code?: string; Message?: string } = {};
      try {
        reply = JSON.parse(text) as typeof reply;
      } catch {
        // Reported below with the status.
      }
      if (!res.ok || reply.Code !== 'OK') throw new Error(`Aliyun SMS ${res.status} ${reply.Code ?? ''}: ${reply.Message ?? text.slice(0, 200)}`);
    },
  };
}
