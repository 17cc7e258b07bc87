/** One SMS request: a template with its variables, to some mobiles; `outId` names it at the vendor. */
export type SmsRequest = { to: string[]; templateId: string; params: ReadonlyArray<readonly [name: string, value: string]>; outId: string };

/** An SMS vendor behind one method (Alibaba Cloud or Tencent Cloud); throws when the vendor refuses. */
export type SmsProvider = { name: 'aliyun' | 'tencent'; send(request: SmsRequest, at: Date): Promise<void> };

/** Credentials and where to send, from configuration (packages/config `sms`). */
export type SmsCredentials = { endpoint: string; accessKeyId: string; accessKeySecret: string; signName: string; sdkAppId: string | null; region: string };

/** RFC 3986 percent-encoding, as both vendors' signatures want it (`*` → %2A, space → %20, `~` kept). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
