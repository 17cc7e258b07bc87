import type { ChannelMessage } from '@huiyin/domain';

/** WeCom's documented ceiling for a group robot's markdown content, in UTF-8 bytes. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

/** The longest start of `text` that fits in `max` UTF-8 bytes, never splitting a character. */
function cutToBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let used = 0;
  let out = '';
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (used + size > max) break;
    used += size;
    out += ch;
  }
  return out;
}

/** Markdown's marks as their full-width look-alikes: read the same, mean nothing to the robot. */
const PLAIN: Record<string, string> = { '[': '［', ']': '］', '(': '（', ')': '）', '<': '＜', '>': '＞', '*': '＊', _: '＿', '`': '｀', '!': '！', '#': '＃', '~': '～', '|': '｜', '\\': '＼' };

/**
 * Text from enterprises (titles, descriptions) as plain text in a robot's markdown: a title such as
 * `[紧急](https://…)` or an image tag must not become a live link or picture in a government group
 * under our robot's name. Only our own link (the page to open) is markdown.
 */
function plainMarkdown(text: string): string {
  return text.replace(/[[\]()<>*_`!#~|\\]/g, (ch) => PLAIN[ch] ?? ch);
}

/** The console page of a message, absolute; null when it names none. */
function pageOf(message: ChannelMessage, publicUrl: string): string | null {
  return message.link ? `${publicUrl.replace(/\/+$/, '')}${message.link}` : null;
}

/**
 * A notice as a group robot's markdown: the subject in bold, the text, and the page to open. Past
 * `maxBytes` the text is cut and the link says the rest is on the page, so the whole always fits.
 */
export function groupMarkdown(message: ChannelMessage, publicUrl: string, maxBytes: number): string {
  const page = pageOf(message, publicUrl);
  const head = `**${plainMarkdown(message.subject)}**\n`;
  const text = plainMarkdown(message.text);
  const whole = `${head}${text}${page ? `\n\n[在回音中查看](${page})` : ''}`;
  if (Buffer.byteLength(whole) <= maxBytes) return whole;
  const tail = page ? `……\n\n[全文请在回音中查看](${page})` : '……';
  return `${cutToBytes(`${head}${text}`, maxBytes - Buffer.byteLength(tail))}${tail}`;
}
