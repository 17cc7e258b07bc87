import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Row, Segmented, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api, type IssueFilter } from '../../api/endpoints.ts';
import type { IssueSummary } from '../../api/types.ts';
import { Countdown } from '../../components/countdown.tsx';
import { EChart } from '../../components/echart.tsx';
import { ExportButton } from '../../components/export-button.tsx';
import { exports } from '../../api/exports.ts';
import { IssueFilters } from '../../components/issue-filters.tsx';
import { PageSize } from '../../components/pager.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { TrackTag } from '../../components/track-tag.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useMorePages } from '../../components/use-more-pages.ts';
import { hasAnyRole, useSession } from '../../session.tsx';
import { IssueOrderModal } from './issue-order-modal.tsx';
import { BatchOrderModal } from './batch-order-modal.tsx';
import { useBatch } from '../../components/use-batch.tsx';
import { useT } from '../../i18n/locale.tsx';
import { OrdersTable } from '../orders.tsx';
import { loadBoardGroups, type GroupBy } from './board-groups.ts';
import { HotSpotsCard } from './hot-spots-card.tsx';

/** How many overdue issues a page of the board brings, most overdue first (keyset pages). */
const OVERDUE_PAGE = 100;
const REFRESH_MS = 5_000;

/**
 * 督查看板: every overdue and escalated issue, red and yellow counts by leader and by unit, a click
 * on a bar or a row drills down to the issue; the 督办单 beside it.
 */
export default function SupervisionBoard() {
  const t = useT();
  const navigate = useNavigate();
  const [by, setBy] = useState<GroupBy>('leader');
  const { me } = useSession();
  const supervises = me?.kind === 'official' && hasAnyRole(me, 'supervisor');
  const [filter, setFilter] = useState<IssueFilter>({});
  const [pageSize, setPageSize] = useState<number>(OVERDUE_PAGE);
  const overdue = useMorePages((q) => api.overdue({ ...q, ...filter }), pageSize, [JSON.stringify(filter), pageSize]);
  const groups = useLoad(() => loadBoardGroups(by, overdue.items), [by, overdue.items]);
  const [ordering, setOrdering] = useState<IssueSummary | null>(null);
  // Batch 督办 (supervisors): the ticked rows get the same 督办单, asked for in a dialog.
  const [batchOrder, setBatchOrder] = useState<string[] | null>(null);
  const batch = useBatch({
    rows: overdue.items,
    label: t('批量督办', 'Batch orders'),
    title: t('批量督办结果', 'Batch supervision orders'),
    testId: 'batch-order',
    run: async (ids) => (setBatchOrder(ids), null),
    done: () => undefined,
  });
  const [ordersRefresh, setOrdersRefresh] = useState(0);
  useEffect(() => {
    const timer = setInterval(overdue.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [overdue.reload]);
  const items = overdue.items;
  const [groupFilter, setGroupFilter] = useState<string | null>(null);
  const count = (pred: (i: IssueSummary) => boolean) => items.filter(pred).length;
  const shown = groupFilter ? items.filter((i) => (by === 'leader' ? i.leaderName : i.leadUnitName) === groupFilter) : items;
  // Only the leaders or units with something to show: overdue, red or yellow.
  const g = (groups.data?.groups ?? []).filter((x) => x.red + x.yellow + x.overdue > 0);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('红牌及提级', 'Red or escalated'), t('黄牌', 'Yellow'), t('超期', 'Overdue')] },
      grid: { left: 40, right: 20, bottom: 70, top: 40 },
      xAxis: { type: 'category', data: g.map((x) => x.name), axisLabel: { rotate: 35, interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('红牌及提级', 'Red or escalated'), type: 'bar', barMaxWidth: 36, data: g.map((x) => x.red), itemStyle: { color: '#cf1322' } },
        { name: t('黄牌', 'Yellow'), type: 'bar', barMaxWidth: 36, data: g.map((x) => x.yellow), itemStyle: { color: '#faad14' } },
        { name: t('超期', 'Overdue'), type: 'bar', barMaxWidth: 36, data: g.map((x) => x.overdue), itemStyle: { color: '#8c8c8c' } },
      ],
    }),
    [g, t],
  );
  return (
    <>
      <Tabs
        items={[
          {
            key: 'board',
            label: t('督查看板', 'Supervision board'),
            children: (
              <Row gutter={[16, 16]}>
                <Col span={24}>
                  <IssueFilters value={filter} onChange={setFilter} hide={['open']} />
                  <ProblemAlert error={overdue.error ?? groups.error} />
                  <Row gutter={16}>
                    <Col xs={12} md={6}>
                      <Card>
                        <Statistic title={t('超期未办', 'Overdue')} value={items.length} suffix={overdue.hasMore ? '+' : undefined} data-testid="stat-overdue" />
                      </Card>
                    </Col>
                    <Col xs={12} md={6}>
                      <Card>
                        <Statistic title={t('红牌', 'Red cards')} value={count((i) => i.track === 'red')} styles={{ content: { color: '#cf1322' } }} data-testid="stat-red" />
                      </Card>
                    </Col>
                    <Col xs={12} md={6}>
                      <Card>
                        <Statistic title={t('提级领导', 'Escalated to leader')} value={count((i) => i.track === 'leader')} styles={{ content: { color: '#d4380d' } }} />
                      </Card>
                    </Col>
                    <Col xs={12} md={6}>
                      <Card>
                        <Statistic title={t('督办', 'Supervision')} value={count((i) => i.track === 'supervision')} styles={{ content: { color: '#722ed1' } }} data-testid="stat-supervision" />
                      </Card>
                    </Col>
                  </Row>
                </Col>
                <Col span={24}>
                  <Card
                    title={t('红黄牌分布', 'Red and yellow cards')}
                    extra={
                      <Segmented
                        value={by}
                        onChange={(v) => (setBy(v as GroupBy), setGroupFilter(null))}
                        options={[
                          { label: t('按领导', 'By leader'), value: 'leader' },
                          { label: t('按单位', 'By unit'), value: 'unit' },
                        ]}
                      />
                    }
                  >
                    {groups.data && g.length === 0 ? (
                      <Empty description={t('没有超期或红黄牌事项', 'Nothing overdue, red or yellow')} />
                    ) : (
                      <EChart option={option} height={320} onClick={setGroupFilter} testId="board-chart" />
                    )}
                    {groups.data?.source === 'overdue' ? (
                      <Typography.Text type="secondary">{t(`按已加载的 ${items.length} 件超期事项统计`, `Counted over the ${items.length} overdue issues loaded`)}</Typography.Text>
                    ) : null}
                  </Card>
                </Col>
                <Col span={24}>
                  <Card
                    title={groupFilter ? `${t('超期事项', 'Overdue')} · ${groupFilter}` : t('超期事项（最超期在前）', 'Overdue issues, most overdue first')}
                    extra={
                      <Space wrap>
                        {groupFilter ? (
                          <Button type="link" size="small" onClick={() => setGroupFilter(null)}>
                            {t('全部', 'All')}
                          </Button>
                        ) : null}
                        <ExportButton href={exports.overdue(filter)} testId="overdue-xlsx" />
                      </Space>
                    }
                  >
                    {supervises ? batch.bar : null}
                    <Table<IssueSummary>
                      {...(supervises ? { rowSelection: batch.rowSelection } : {})}
                      rowKey="id"
                      size="small"
                      loading={overdue.loading && !overdue.loaded}
                      dataSource={shown}
                      pagination={false}
                      onRow={(r) => ({ onDoubleClick: () => navigate(`/issues/${r.id}`) })}
                      data-testid="overdue-table"
                      columns={[
                        { title: t('编号', 'Number'), dataIndex: 'number', width: 130, render: (n: string, r) => <Link to={`/issues/${r.id}`}>{n}</Link> },
                        {
                          title: t('诉求', 'Title'),
                          dataIndex: 'title',
                          render: (v: string, r) => (
                            <span>
                              {v}
                              <br />
                              <Typography.Text type="secondary">{r.enterpriseName}</Typography.Text>
                            </span>
                          ),
                        },
                        { title: t('分包领导', 'Leader'), dataIndex: 'leaderName' },
                        { title: t('责任单位', 'Unit'), dataIndex: 'leadUnitName' },
                        { title: t('时限', 'Track'), dataIndex: 'track', width: 110, render: (tr: string) => <TrackTag track={tr} /> },
                        {
                          title: t('超期', 'Overdue by'),
                          width: 170,
                          render: (_: unknown, r) => <Countdown dueAt={r.pressingDueAt ?? (r.stage === 'awaitingClaim' || r.stage === 'reopened' ? r.claimDueAt : r.handlingDueAt)} />,
                        },
                        ...(supervises
                          ? [
                              {
                                title: t('督办', 'Order'),
                                width: 110,
                                render: (_: unknown, r: IssueSummary) => (
                                  <Button size="small" onClick={() => setOrdering(r)} data-testid={`issue-order-${r.number}`}>
                                    {t('下发督办单', 'Issue order')}
                                  </Button>
                                ),
                              },
                            ]
                          : []),
                      ]}
                    />
                    <Space wrap>
                      <LoadMore count={items.length} hasMore={overdue.hasMore} loading={overdue.loading} more={overdue.more} testId="overdue-more" />
                      <PageSize value={pageSize} onChange={setPageSize} />
                    </Space>
                  </Card>
                </Col>
                <Col span={24}>
                  <HotSpotsCard />
                </Col>
              </Row>
            ),
          },
          {
            key: 'orders',
            label: t('督办单', 'Supervision orders'),
            children: (
              <Card>
                <OrdersTable openOnly={false} refresh={ordersRefresh} />
              </Card>
            ),
          },
        ]}
      />
      {batchOrder ? (
        <BatchOrderModal ids={batchOrder} numbers={new Map(items.map((i) => [i.id, i.number]))} onClose={() => setBatchOrder(null)} onDone={() => (setOrdersRefresh((n) => n + 1), overdue.reload())} />
      ) : null}
      {ordering ? <IssueOrderModal issue={ordering} onClose={() => setOrdering(null)} onDone={() => (setOrdering(null), setOrdersRefresh((n) => n + 1), overdue.reload())} /> : null}
    </>
  );
}
