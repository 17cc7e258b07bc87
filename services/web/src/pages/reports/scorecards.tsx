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

const PERIODS = 6;
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
  const latest = (s: ScorecardsData['series'][number]) => s.points.at(-1);
  const last = selected ? latest(selected) : undefined;
  return (
    <Card
      title={t('考核评价', 'Scorecards')}
      extra={
        <Segmented
          value={by}
          onChange={(v) => (setBy(v as 'unit' | 'leader'), setPicked(null))}
          options={[
            { label: t('按单位', 'By unit'), value: 'unit' },
            { label: t('按分包领导', 'By leader'), value: 'leader' },
          ]}
        />
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
          dataSource={series}
          pagination={{ pageSize: 15, showSizeChanger: false }}
          onRow={(r) => ({ onClick: () => setPicked(r.id), style: { cursor: 'pointer' } })}
          data-testid="scorecard-table"
          columns={[
            { title: t('名称', 'Name'), dataIndex: 'name' },
            ...(['response', 'resolution', 'satisfaction'] as const).map((k) => ({
              title: { response: t('响应率', 'Response'), resolution: t('解决率', 'Resolution'), satisfaction: t('满意率', 'Satisfaction') }[k],
              render: (_: unknown, s: ScorecardsData['series'][number]) => percent(latest(s)?.[k]),
            })),
            { title: t('得分', 'Score'), render: (_: unknown, s: ScorecardsData['series'][number]) => latest(s)?.score?.toFixed(1) ?? '—' },
            { title: t('排名', 'Rank'), render: (_: unknown, s: ScorecardsData['series'][number]) => latest(s)?.rank ?? '—' },
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
