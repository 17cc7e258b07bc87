import { describe, expect, it } from 'vitest';
import { gramSimilarity, textGrams } from './grams.ts';

describe('textGrams', () => {
  it('pairs each run of Chinese characters and words, keeps a lone character, drops punctuation', () => {
    expect(textGrams('线路故障，频繁停电 PLC a')).toEqual(['a', 'lc', 'pl', '停电', '故障', '繁停', '线路', '路故', '频繁'].sort());
  });
  it('scores texts that share wording above texts that do not', () => {
    const a = new Set(textGrams('线路故障频繁停电影响连续生产'));
    expect(gramSimilarity(a, new Set(textGrams('线路故障频繁停电')))).toBeGreaterThan(gramSimilarity(a, new Set(textGrams('申请延续排污许可证'))));
    expect(gramSimilarity(a, a)).toBe(1);
  });
});
