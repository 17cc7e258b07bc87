import { Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { IssueSummary } from '../api/types.ts';
import { useT } from '../i18n/locale.tsx';
import { StageTag } from './stage-tag.tsx';
import { TrackTag } from './track-tag.tsx';
import { When } from './when.tsx';

type Column = 'enterprise' | 'unit' | 'leader' | 'note';

/** One page of issues: number (links to the issue), title, stage, track, due time and more as asked. */
export function IssueTable({ items, loading, show = [] }: { items: IssueSummary[]; loading: boolean; show?: Column[] }) {
  const t = useT();
  const has = (c: Column) => show.includes(c);
  return (
    <Table<IssueSummary>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={false}
      data-testid="issue-table"
      columns={[
        { title: t('编号', 'Number'), dataIndex: 'number', width: 130, render: (n: string, r) => <Link to={`/issues/${r.id}`}>{n}</Link> },
        {
          title: t('诉求', 'Title'),
          dataIndex: 'title',
          render: (v: string, r) => (
            <span>
              {v} <Typography.Text type="secondary">· {r.categoryName}</Typography.Text>
            </span>
          ),
        },
        ...(has('enterprise') ? [{ title: t('企业', 'Enterprise'), dataIndex: 'enterpriseName' }] : []),
        ...(has('leader') ? [{ title: t('分包领导', 'Leader'), dataIndex: 'leaderName', render: (v: string | null) => v ?? '—' }] : []),
        ...(has('unit') ? [{ title: t('责任单位', 'Unit'), dataIndex: 'leadUnitName', render: (v: string | null) => v ?? '—' }] : []),
        { title: t('状态', 'Stage'), dataIndex: 'state', width: 120, render: (s: string) => <StageTag stage={s} /> },
        { title: t('时限', 'Track'), dataIndex: 'track', width: 110, render: (tr: string, r) => (r.closedAt ? '—' : <TrackTag track={tr} />) },
        { title: t('办结期限', 'Due'), dataIndex: 'handlingDueAt', width: 150, render: (v: string | null, r) => <When at={v ?? r.expectedDueAt} /> },
        ...(has('note') ? [{ title: t('进展', 'Status'), dataIndex: 'statusNote', ellipsis: true }] : []),
      ]}
    />
  );
}
