import { Button, Table, Tag } from 'antd';
import { api } from '../api/endpoints.ts';
import type { LeaderEnterprise } from '../api/types.ts';
import { LoadMore } from '../components/load-more.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useMorePages } from '../components/use-more-pages.ts';
import { useT } from '../i18n/locale.tsx';

const PAGE = 30;

/**
 * The signed-in leader's enterprises (分包), key ones first, with their open, overdue and escalated
 * issue counts counted by the server; "issues" opens that enterprise's issues on the desk.
 */
export function LeaderEnterprises({ onIssues }: { onIssues(e: LeaderEnterprise): void }) {
  const t = useT();
  const list = useMorePages((q) => api.leaderEnterprises('me', q), PAGE, []);
  const count = (n: number, color: string) => (n > 0 ? <Tag color={color}>{n}</Tag> : <span>0</span>);
  return (
    <>
      <ProblemAlert error={list.error} />
      <Table<LeaderEnterprise>
        rowKey="id"
        size="small"
        loading={list.loading && !list.loaded}
        dataSource={list.items}
        pagination={false}
        data-testid="leader-enterprises"
        columns={[
          {
            title: t('企业', 'Enterprise'),
            dataIndex: 'name',
            render: (v: string, r) => (
              <span>
                {v}
                {r.isKey ? (
                  <Tag color="gold" style={{ marginLeft: 8 }}>
                    {t('重点', 'key')}
                  </Tag>
                ) : null}
              </span>
            ),
          },
          { title: t('行业', 'Industry'), dataIndex: 'industry' },
          { title: t('包联单位', 'Unit'), dataIndex: 'unitName' },
          { title: t('未办结', 'Open'), dataIndex: 'openIssues', width: 90, render: (n: number) => count(n, 'blue') },
          { title: t('超期', 'Overdue'), dataIndex: 'overdueIssues', width: 90, render: (n: number) => count(n, 'red') },
          { title: t('提级', 'Escalated'), dataIndex: 'escalatedIssues', width: 90, render: (n: number) => count(n, 'volcano') },
          {
            title: t('操作', 'Action'),
            width: 110,
            render: (_: unknown, r) => (
              <Button size="small" onClick={() => onIssues(r)} data-testid={`enterprise-issues-${r.id}`}>
                {t('查看诉求', 'Issues')}
              </Button>
            ),
          },
        ]}
      />
      <LoadMore count={list.items.length} hasMore={list.hasMore} loading={list.loading} more={list.more} testId="enterprises-more" />
    </>
  );
}
