import { Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Rate, ScoreRow } from '../../api/report-types.ts';
import { useT } from '../../i18n/locale.tsx';
import { rateWithParts } from './percent.ts';

/** A bulletin's or scorecard's rows: rank, 三率 with their parts, score, and the issues that cost points. */
export function ScoreTable({ rows, testId }: { rows: ScoreRow[]; testId?: string }) {
  const t = useT();
  const rateCol = (title: string, key: 'response' | 'resolution' | 'satisfaction' | 'returnRate' | 'redoRate' | 'firstContactRate') => ({
    title,
    dataIndex: key,
    width: 120,
    render: (r: Rate | undefined) => (r ? rateWithParts(r) : '—'),
  });
  return (
    <Table<ScoreRow>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={false}
      data-testid={testId}
      columns={[
        { title: t('排名', 'Rank'), dataIndex: 'rank', width: 70, render: (r: number | null, row) => (row.ranked ? r : <Tag>{t('不排名', 'not ranked')}</Tag>) },
        { title: t('名称', 'Name'), dataIndex: 'name', width: 130 },
        { title: t('件数', 'Issues'), dataIndex: 'issues', width: 70 },
        rateCol(t('响应率', 'Response'), 'response'),
        rateCol(t('解决率', 'Resolution'), 'resolution'),
        rateCol(t('满意率', 'Satisfaction'), 'satisfaction'),
        rateCol(t('退单率', 'Return rate'), 'returnRate'),
        rateCol(t('重办率', 'Redo rate'), 'redoRate'),
        rateCol(t('先行联系及时率', 'First contact on time'), 'firstContactRate'),
        { title: t('得分', 'Score'), dataIndex: 'score', width: 80, render: (s: number | null) => (s === null ? '—' : s.toFixed(1)) },
        {
          title: t('失分原因', 'Points lost'),
          render: (_: unknown, row) => (
            <div>
              {row.causes.map((c, i) => (
                <div key={i}>
                  {c.text}{' '}
                  {c.issues.map((x) => (
                    <Link key={x.id} to={`/issues/${x.id}`} style={{ marginRight: 6 }}>
                      {x.number}
                    </Link>
                  ))}
                </div>
              ))}
              {row.excluded.length ? (
                <Typography.Text type="secondary">
                  {t('申诉剔除：', 'Excluded on appeal: ')}
                  {row.excluded.map((x) => x.number).join('、')}
                </Typography.Text>
              ) : null}
            </div>
          ),
        },
      ]}
    />
  );
}
