import { Table, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { Link } from 'react-router';
import type { IssueSort } from '../api/endpoints.ts';
import type { IssueSummary } from '../api/types.ts';
import { useT } from '../i18n/locale.tsx';
import { usePhone } from '../layout/use-phone.ts';
import { IssueSortSelect, type IssueOrder } from './issue-sort-select.tsx';
import { StageTag } from './stage-tag.tsx';
import { TrackTag } from './track-tag.tsx';
import { When } from './when.tsx';

type Column = 'enterprise' | 'unit' | 'leader' | 'note';

/** One page of issues: number (links to the issue), title, stage, track, due time and more as asked. */
export function IssueTable({
  items,
  loading,
  show = [],
  order,
  onOrder,
  selected,
  onSelect,
}: {
  items: IssueSummary[];
  loading: boolean;
  show?: Column[];
  /** With `onOrder`, the number, stage and due columns sort on the server. */
  order?: IssueOrder;
  onOrder?(o: IssueOrder): void;
  /** With `onSelect`, rows have checkboxes (batch actions). */
  selected?: string[];
  onSelect?(ids: string[]): void;
}) {
  const t = useT();
  // Cards hide the column headers that sort: a phone gets the same sorts as a select above them.
  const phone = usePhone();
  const has = (c: Column) => show.includes(c);
  // A column sorts on the server only where the page can ask for it.
  const sorts = (key: IssueSort) =>
    onOrder
      ? { sorter: true, sortOrder: order?.sort === key ? (order.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null, sortDirections: ['ascend' as const, 'descend' as const] }
      : {};
  return (
    <>
      {phone && onOrder ? <IssueSortSelect order={order} onOrder={onOrder} /> : null}
      <Table<IssueSummary>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        pagination={false}
        data-testid="issue-table"
        {...(onSelect ? { rowSelection: { selectedRowKeys: selected ?? [], onChange: (keys) => onSelect(keys.map(String)) } } : {})}
        onChange={(_p, _f, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<IssueSummary> | undefined;
          // A third click clears the column's order: back to the newest first.
          if (onOrder) onOrder(s?.order && s.columnKey ? { sort: s.columnKey as IssueSort, order: s.order === 'ascend' ? 'asc' : 'desc' } : { sort: 'filedAt', order: 'desc' });
        }}
        columns={[
          { key: 'number', title: t('编号', 'Number'), dataIndex: 'number', width: 130, ...sorts('number'), render: (n: string, r) => <Link to={`/issues/${r.id}`}>{n}</Link> },
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
          { key: 'stage', title: t('状态', 'Stage'), dataIndex: 'state', width: 120, ...sorts('stage'), render: (s: string) => <StageTag stage={s} /> },
          { title: t('时限', 'Track'), dataIndex: 'track', width: 110, render: (tr: string, r) => (r.closedAt ? '—' : <TrackTag track={tr} />) },
          { key: 'dueAt', title: t('办结期限', 'Due'), dataIndex: 'handlingDueAt', width: 150, ...sorts('dueAt'), render: (v: string | null, r) => <When at={v ?? r.expectedDueAt} /> },
          ...(has('note') ? [{ title: t('进展', 'Status'), dataIndex: 'statusNote', ellipsis: true }] : []),
        ]}
      />
    </>
  );
}
