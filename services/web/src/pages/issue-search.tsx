import { useState } from 'react';
import { Card } from 'antd';
import { api, type IssueFilter } from '../api/endpoints.ts';
import { exports } from '../api/exports.ts';
import { ExportButton } from '../components/export-button.tsx';
import { IssueFilters } from '../components/issue-filters.tsx';
import { IssueTable } from '../components/issue-table.tsx';
import type { IssueOrder } from '../components/issue-sort-select.tsx';
import { Pager } from '../components/pager.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useKeysetPages } from '../components/use-keyset-pages.ts';
import { useT } from '../i18n/locale.tsx';

/** Every issue the official may see, filtered and sorted on the server, one keyset page at a time. */
export default function IssueSearch() {
  const t = useT();
  const [filter, setFilter] = useState<IssueFilter>({ open: true });
  const [order, setOrder] = useState<IssueOrder>({ sort: 'filedAt', order: 'desc' });
  const [pageSize, setPageSize] = useState(30);
  const pages = useKeysetPages((cursor) => api.issues({ ...filter, ...order, limit: pageSize, cursor }), [JSON.stringify(filter), order.sort, order.order, pageSize]);
  return (
    <Card title={t('诉求查询', 'Issues')} extra={<ExportButton href={exports.issues(filter, order)} testId="issues-xlsx" />}>
      <IssueFilters value={filter} onChange={setFilter} />
      <ProblemAlert error={pages.error} />
      <IssueTable items={pages.items} loading={pages.loading} show={['enterprise', 'leader', 'unit']} order={order} onOrder={setOrder} />
      <Pager {...pages} pageSize={pageSize} onPageSize={setPageSize} />
    </Card>
  );
}
