import { describe, expect, it } from 'vitest';
import type { ChannelMessage } from '@huiyin/domain';
import { groupMarkdown, WECOM_MARKDOWN_MAX_BYTES } from './group-markdown.ts';

const message = (subject: string, text: string): ChannelMessage => ({ subject, text, link: '/issues/abc', kind: 'general' });

describe('a notice as group-robot markdown', () => {
  it('keeps an enterprise’s link, image or emphasis marks as plain text; only our own link is live', () => {
    const md = groupMarkdown(
      message('【待签收】2026-000001「[紧急处理](https://phish.example)」', '![x](https://track.example/p.png) **加急** <font color="red">'),
      'https://huiyin.gov.cn',
      WECOM_MARKDOWN_MAX_BYTES,
    );
    const links = [...md.matchAll(/\]\((https?:[^)]+)\)/g)].map((m) => m[1]);
    expect(links).toEqual(['https://huiyin.gov.cn/issues/abc']);
    expect(md).not.toContain('<font');
    expect(md.match(/\*\*/g)).toHaveLength(2);
    expect(md).toContain('［紧急处理］（https://phish.example）');
  });
});
