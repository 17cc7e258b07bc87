import { Table } from 'antd';
import { Link } from 'react-router';
import type { LateOrder } from '../../api/report-types.ts';
import { When } from '../../components/when.tsx';
import { useT } from '../../i18n/locale.tsx';

/** 督办超期未复: the bulletin's 督办单 not answered by their reply due time. */
export function LateOrders({ rows }: { rows: LateOrder[] }) {
  const t = useT();
  return (
    <Table<LateOrder>
      rowKey="orderId"
      size="small"
      dataSource={rows}
      pagination={false}
      columns={[
        {
          title: t('编号', 'Number'),
          dataIndex: 'number',
          render: (n: string | null, r) => (r.issueId ? <Link to={`/issues/${r.issueId}`}>{n}</Link> : <Link to={`/projects/${r.projectId ?? ''}`}>{t('重点项目', 'Key project')}</Link>),
        },
        { title: t('诉求或项目', 'Issue or project'), dataIndex: 'title' },
        { title: t('责任单位', 'Unit'), dataIndex: 'unitName' },
        { title: t('回复时限', 'Reply due'), dataIndex: 'dueAt', render: (v: string) => <When at={v} /> },
        { title: t('回复时间', 'Replied'), dataIndex: 'repliedAt', render: (v: string | null) => (v ? <When at={v} /> : t('未回复', 'no reply')) },
      ]}
    />
  );
}
