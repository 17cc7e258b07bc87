import { useState } from 'react';
import { Button, Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, type IssueFilter } from '../../api/endpoints.ts';
import { batches } from '../../api/batches.ts';
import type { ListingItem } from '../../api/types.ts';
import { IssueFilters } from '../../components/issue-filters.tsx';
import { PageSize } from '../../components/pager.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { useMorePages } from '../../components/use-more-pages.ts';
import { useBatch } from '../../components/use-batch.tsx';
import { When } from '../../components/when.tsx';
import { useLocale } from '../../i18n/locale.tsx';
import { limitLabel } from '../../i18n/labels.ts';
import Inbox from '../inbox.tsx';
import { ListModal } from './list-modal.tsx';
import { ListingWait } from './listing-wait.tsx';

/** How many issues a page of the listing queue brings: green channel first, then the oldest. */
const QUEUE_PAGE = 50;

/** The service centre's desk: the listing queue with the assignment's four elements, and returns to rule on. */
export default function DispatchPage() {
  const { lang, t } = useLocale();
  const [filter, setFilter] = useState<IssueFilter>({});
  const [pageSize, setPageSize] = useState<number>(QUEUE_PAGE);
  const queue = useMorePages((q) => api.listingQueue({ ...q, ...filter }), pageSize, [JSON.stringify(filter), pageSize]);
  const [listing, setListing] = useState<ListingItem | null>(null);
  // 批量派单: each ticked issue listed with its assignment's defaults (as the dialog prefills them) and dispatched.
  const batch = useBatch({
    rows: queue.items,
    label: t('按默认批量派单', 'Dispatch with defaults'),
    title: t('批量派单结果', 'Batch dispatch'),
    testId: 'batch-dispatch',
    run: (ids) => batches.dispatch(ids),
    done: queue.reload,
  });
  return (
    <Card title={t('列单派单', 'Dispatch')}>
      <Tabs
        items={[
          {
            key: 'queue',
            label: t('待列单', 'Listing queue'),
            children: (
              <>
                <IssueFilters value={filter} onChange={setFilter} hide={['stage', 'open']} />
                <ProblemAlert error={queue.error} />
                {batch.bar}
                <Table<ListingItem>
                  rowSelection={batch.rowSelection}
                  rowKey="id"
                  loading={queue.loading && !queue.loaded}
                  dataSource={queue.items}
                  pagination={false}
                  data-testid="listing-queue"
                  columns={[
                    { title: t('编号', 'Number'), dataIndex: 'number', width: 130, render: (n: string, r) => <Link to={`/issues/${r.id}`}>{n}</Link> },
                    {
                      title: t('诉求', 'Title'),
                      dataIndex: 'title',
                      render: (v: string, r) => (
                        <span>
                          {r.greenChannel ? <Tag color="green">{t('绿色通道', 'green')}</Tag> : null}
                          {v}
                          <br />
                          <Typography.Text type="secondary">
                            {r.enterpriseName}
                            {r.isKey ? ` · ${t('重点企业', 'key enterprise')}` : ''} · {r.categoryName}
                          </Typography.Text>
                        </span>
                      ),
                    },
                    { title: t('提交时间', 'Filed'), dataIndex: 'filedAt', width: 150, render: (v: string) => <When at={v} /> },
                    { title: t('等待时长', 'Waiting'), key: 'wait', width: 170, render: (_: unknown, r) => <ListingWait item={r} /> },
                    { title: t('分包领导（默认）', 'Leader (default)'), dataIndex: 'defaultLeaderName', render: (v: string | null) => v ?? '—' },
                    { title: t('责任单位（默认）', 'Unit (default)'), dataIndex: 'defaultLeadUnitName', render: (v: string | null) => v ?? '—' },
                    { title: t('时限（默认）', 'Limit (default)'), dataIndex: 'defaultTimeLimit', render: (v: ListingItem['defaultTimeLimit']) => limitLabel(v, lang) },
                    {
                      title: t('操作', 'Action'),
                      width: 120,
                      render: (_: unknown, r) => (
                        <Button type="primary" size="small" onClick={() => setListing(r)} data-testid={`list-${r.number}`}>
                          {t('列单派单', 'List')}
                        </Button>
                      ),
                    },
                  ]}
                />
                <Space wrap>
                  <LoadMore count={queue.items.length} hasMore={queue.hasMore} loading={queue.loading} more={queue.more} testId="queue-more" />
                  <PageSize value={pageSize} onChange={setPageSize} />
                </Space>
              </>
            ),
          },
          { key: 'returns', label: t('退单裁定', 'Returns to rule on'), children: <Inbox only={['ruleReturn']} embedded /> },
        ]}
      />
      {listing ? <ListModal item={listing} onClose={() => setListing(null)} onDone={() => (setListing(null), queue.reload())} /> : null}
    </Card>
  );
}
