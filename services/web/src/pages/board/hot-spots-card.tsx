import { useMemo, useState } from 'react';
import { Card, Empty, Segmented } from 'antd';
import { ProblemClusters } from './problem-clusters.tsx';
import { reports } from '../../api/reports.ts';
import type { HotSpots } from '../../api/report-types.ts';
import { EChart } from '../../components/echart.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useT } from '../../i18n/locale.tsx';

type Dimension = 'byProblem' | 'byCategory' | 'byEnterprise' | 'byIndustry';

/** 主动治理: recurring problems over the last 90 days — the same problem from several enterprises, or by category, enterprise or industry — against the 90 days before. */
export function HotSpotsCard() {
  const t = useT();
  const [dim, setDim] = useState<Dimension>('byProblem');
  const data = useLoad(() => reports.hotSpots({ days: 90, limit: 10 }), []);
  const option = useMemo(() => hotSpotOption(data.data, dim === 'byProblem' ? 'byCategory' : dim, t), [data.data, dim, t]);
  return (
    <Card
      title={t('高频诉求（近90天）', 'Hot spots (last 90 days)')}
      extra={
        <Segmented
          value={dim}
          onChange={(v) => setDim(v as Dimension)}
          options={[
            { label: t('同类问题', 'Same problem'), value: 'byProblem' },
            { label: t('按类别', 'Category'), value: 'byCategory' },
            { label: t('按企业', 'Enterprise'), value: 'byEnterprise' },
            { label: t('按行业', 'Industry'), value: 'byIndustry' },
          ]}
        />
      }
    >
      <ProblemAlert error={data.error} />
      {dim === 'byProblem' && data.data ? (
        <ProblemClusters data={data.data} onChanged={data.reload} />
      ) : data.data && data.data[dim].length === 0 ? (
        <Empty
          description={t(`近${data.data.window.days}天没有重复出现 ${data.data.minCount} 次以上的诉求`, `Nothing recurred ${data.data.minCount} times or more in ${data.data.window.days} days`)}
        />
      ) : (
        <EChart option={option} height={300} testId="hot-spots-chart" />
      )}
    </Card>
  );
}

function hotSpotOption(data: HotSpots | undefined, dim: Exclude<Dimension, 'byProblem'>, t: (zh: string, en: string) => string) {
  const rows = [...(data?.[dim] ?? [])].reverse();
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('本期', 'This window'), t('上期', 'Window before'), t('未办结', 'Open')] },
    grid: { left: 150, right: 20, top: 40, bottom: 30 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { width: 140, overflow: 'truncate' } },
    xAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('本期', 'This window'), type: 'bar', barMaxWidth: 36, data: rows.map((r) => r.count), itemStyle: { color: '#b71c1c' } },
      { name: t('上期', 'Window before'), type: 'bar', barMaxWidth: 36, data: rows.map((r) => r.previous), itemStyle: { color: '#bfbfbf' } },
      { name: t('未办结', 'Open'), type: 'bar', barMaxWidth: 36, data: rows.map((r) => r.open), itemStyle: { color: '#fa8c16' } },
    ],
  };
}
