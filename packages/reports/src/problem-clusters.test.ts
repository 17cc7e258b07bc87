import { describe, expect, it } from 'vitest';
import { clusterTitles } from './problem-clusters.ts';

describe('clusterTitles', () => {
  it('puts alike Chinese titles together however they are worded, and unrelated ones apart', () => {
    const titles = ['线路故障频繁停电影响连续生产', '申请延续排污许可证', '厂区频繁停电影响生产', '线路故障频繁停电影响连续生产', '排污许可证延续办理', '招工难需要用工对接'];
    const clusters = clusterTitles(titles.map((title) => ({ title }))).map((c) => c.map((r) => r.title));
    expect(clusters).toContainEqual(['线路故障频繁停电影响连续生产', '厂区频繁停电影响生产', '线路故障频繁停电影响连续生产']);
    expect(clusters).toContainEqual(['申请延续排污许可证', '排污许可证延续办理']);
    expect(clusters).toContainEqual(['招工难需要用工对接']);
    expect(clusters).toHaveLength(3);
  });
});
