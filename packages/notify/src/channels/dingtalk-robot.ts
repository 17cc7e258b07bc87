import { createHmac } from 'node:crypto';
import type { ChannelMessage } from '@huiyin/domain';
import { groupMarkdown } from './group-markdown.ts';
import { robotReply, VENDOR_TIMEOUT_MS } from './robot-reply.ts';

/** Where we cut a DingTalk markdown message: DingTalk's limit for a robot message is 20 000 bytes. */
const DINGTALK_MARKDOWN_MAX_BYTES = 20_000;

/**
 * A DingTalk robot URL with its signature, for a robot whose security setting is 加签: the
 * HMAC-SHA256 of `timestamp + "\n" + secret` keyed by the secret, base64, url-encoded, added as
 * `timestamp` (ms) and `sign`. DingTalk refuses a timestamp more than an hour off.
 */
function signDingtalkUrl(url: string, secret: string, at: Date): string {
  const timestamp = String(at.getTime());
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${encodeURIComponent(sign)}`;
}

/**
 * Posts a notice to a DingTalk (钉钉) custom robot as markdown (`{"msgtype":"markdown","markdown":
 * {"title","text"}}`), signed when the robot has a secret. A robot guarded by keywords needs one
 * that every message carries, such as 回音.
 */
export async function sendDingtalk(url: string, secret: string | null, message: ChannelMessage, publicUrl: string, at: Date): Promise<void> {
  const body = { msgtype: 'markdown', markdown: { title: message.subject, text: groupMarkdown(message, publicUrl, DINGTALK_MARKDOWN_MAX_BYTES) } };
  const target = secret ? signDingtalkUrl(url, secret, at) : url;
  const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(VENDOR_TIMEOUT_MS) });
  await robotReply('DingTalk', res);
}
