import type { ChannelMessage } from '@huiyin/domain';
import { groupMarkdown, WECOM_MARKDOWN_MAX_BYTES } from './group-markdown.ts';
import { robotReply, VENDOR_TIMEOUT_MS } from './robot-reply.ts';

/**
 * Posts a notice to a WeCom (企业微信) group robot: its webhook URL (`…/cgi-bin/webhook/send?key=…`)
 * takes `{"msgtype":"markdown","markdown":{"content":…}}`, the content at most 4 096 bytes.
 */
export async function sendWecom(url: string, message: ChannelMessage, publicUrl: string): Promise<void> {
  const body = { msgtype: 'markdown', markdown: { content: groupMarkdown(message, publicUrl, WECOM_MARKDOWN_MAX_BYTES) } };
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(VENDOR_TIMEOUT_MS) });
  await robotReply('WeCom', res);
}
