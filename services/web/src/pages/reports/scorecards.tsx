import { useMemo, useState } from 'react';
import { Card, Col, Empty, Row, Segmented, Select, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { reports } from '../../api/reports.ts';
import type { Rate, ScorecardPoint, Scorecards as ScorecardsData } from '../../api/report-types.ts';
import { EChart } from '../../components/echart.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useT } from '../../i18n/locale.tsx';
import { percent, rateWithParts } from './percent.ts';
import { Lines } from '../../components/lines.tsx';
import { exports } from '../../api/exports.ts';
import { ExportButton } from '../../components/export-button.tsx';

const PERIODS = 6;
type Series = ScorecardsData['series'][number];
const pct = (r: Rate) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10);

/** 考核评价: the 三率 per unit or leader over the last bulletin periods (ECharts trend), and who lost points on what. */
export default function Scorecards() {
  const t = useT();
  const [by, setBy] = useState<'unit' | 'leader'>('unit');
  const data = useLoad(() => reports.scorecards({ by, periods: PERIODS }), [by]);
  const [picked, setPicked] = useState<string | null>(null);
  const series = data.data?.series ?? [];
  const selected = series.find((s) => s.id === picked) ?? series[0];
  const periods = data.data?.periods ?? [];
  const option = useMemo(() => trendOption(data.data, selected?.id, t), [data.data, selected?.id, t]);
  const latest = (s: Series) => s.points.at(-1);
  // Ranked ones by rank, then those not ranked by score, then by name: the order of the XLSX.
  const rankKey = (s: Series) => latest(s)?.rank ?? 10_000 - (latest(s)?.score ?? -1);
  const byRank = (a: Series, b: Series) => rankKey(a) - rankKey(b) || a.name.localeCompare(b.name, 'zh-CN');
  const ranked = useMemo(() => [...series].sort(byRank), [series]);
  const last = selected ? latest(selected) : undefined;
  return (
    <Card
      title={t('考核评价', 'Scorecards')}
      extra={
        <Space wrap>
          <Segmented
            value={by}
            onChange={(v) => (setBy(v as 'unit' | 'leader'), setPicked(null))}
            options={[
              { label: t('按单位', 'By unit'), value: 'unit' },
              { label: t('按分包领导', 'By leader'), value: 'leader' },
            ]}
          />
          <ExportButton href={exports.scorecards(by, PERIODS)} testId="scorecards-xlsx" />
        </Space>
      }
    >
      <ProblemAlert error={data.error} />
      {!data.loading && series.length === 0 ? <Empty description={t('暂无考核数据', 'Nothing to score yet')} /> : null}
      {selected ? (
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Space style={{ marginBottom: 8 }}>
              <Select
                style={{ width: 220 }}
                showSearch={{ optionFilterProp: 'label' }}
                value={selected.id}
                onChange={setPicked}
                options={series.map((s) => ({ value: s.id, label: s.name }))}
                aria-label={t('考核对象', 'Unit or leader')}
                data-testid="scorecard-pick"
              />
              <Typography.Text type="secondary">{t(`近 ${periods.length} 期（半月）`, `last ${periods.length} half-months`)}</Typography.Text>
            </Space>
            <EChart option={option} height={320} testId="scorecard-chart" />
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={`${selected.name} · ${periods.at(-1)?.label ?? ''}`}>
              {last ? (
                <>
                  <p>
                    {t('响应率', 'Response')}：{rateWithParts(last.response)}　{t('解决率', 'Resolution')}：{rateWithParts(last.resolution)}
                  </p>
                  <p>
                    {t('满意率', 'Satisfaction')}：{rateWithParts(last.satisfaction)}　{t('得分', 'Score')}：{last.score?.toFixed(1) ?? '—'}
                  </p>
                  <Lines
                    header={t('失分原因', 'Where points were lost')}
                    items={last.causes}
                    empty={t('无', 'none')}
                    render={(c) => (
                      <div>
                        {c.text}{' '}
                        {c.issues.map((x) => (
                          <Link key={x.id} to={`/issues/${x.id}`} style={{ marginRight: 6 }}>
                            {x.number}
                          </Link>
                        ))}
                      </div>
                    )}
                  />
                </>
              ) : null}
            </Card>
          </Col>
        </Row>
      ) : null}
      {series.length ? (
        <Table
          style={{ marginTop: 16 }}
          rowKey="id"
          size="small"
          // Every unit or leader on one table, in rank order until a column header sorts it otherwise.
          dataSource={ranked}
          pagination={false}
          onRow={(r) => ({ onClick: () => setPicked(r.id), style: { cursor: 'pointer' } })}
          data-testid="scorecard-table"
          columns={[
            {
              title: t('排名', 'Rank'),
              key: 'rank',
              defaultSortOrder: 'ascend' as const,
              sorter: byRank,
              render: (_: unknown, s: Series) => latest(s)?.rank ?? t('不排名', 'not ranked'),
            },
            { title: t('名称', 'Name'), dataIndex: 'name', sorter: (a: Series, b: Series) => a.name.localeCompare(b.name, 'zh-CN') },
            ...(['response', 'resolution', 'satisfaction'] as const).map((k) => ({
              title: { response: t('响应率', 'Response'), resolution: t('解决率', 'Resolution'), satisfaction: t('满意率', 'Satisfaction') }[k],
              key: k,
              sorter: (a: Series, b: Series) => (latest(a)?.[k].rate ?? -1) - (latest(b)?.[k].rate ?? -1),
              render: (_: unknown, s: Series) => percent(latest(s)?.[k]),
            })),
            {
              title: t('得分', 'Score'),
              key: 'score',
              sorter: (a: Series, b: Series) => (latest(a)?.score ?? -1) - (latest(b)?.score ?? -1),
              render: (_: unknown, s: Series) => latest(s)?.score?.toFixed(1) ?? '—',
            },
          ]}
        />
      ) : null}
    </Card>
  );
}

function trendOption(data: ScorecardsData | undefined, id: string | undefined, t: (zh: string, en: string) => string) {
  const s = data?.series.find((x) => x.id === id);
  const points: ScorecardPoint[] = s?.points ?? [];
  const line = (name: string, values: Array<number | null>) => ({ name, type: 'line', connectNulls: true, data: values });
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('响应率', 'Response'), t('解决率', 'Resolution'), t('满意率', 'Satisfaction'), t('得分', 'Score')] },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: (data?.periods ?? []).map((p) => p.label.replace(/（.*）/, '').replace(/^\d{4}年/, '')), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}' } },
    series: [
      line(
        t('响应率', 'Response'),
        points.map((p) => pct(p.response)),
      ),
      line(
        t('解决率', 'Resolution'),
        points.map((p) => pct(p.resolution)),
      ),
      line(
        t('满意率', 'Satisfaction'),
        points.map((p) => pct(p.satisfaction)),
      ),
      {
        ...line(
          t('得分', 'Score'),
          points.map((p) => p.score),
        ),
        lineStyle: { type: 'dashed' },
      },
    ],
  };
}
