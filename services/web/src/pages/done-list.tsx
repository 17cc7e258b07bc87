import { useState } from 'react';
import { api, type IssueFilter } from '../api/endpoints.ts';
import { IssueFilters } from '../components/issue-filters.tsx';
import { IssueTable } from '../components/issue-table.tsx';
import type { IssueOrder } from '../components/issue-sort-select.tsx';
import { Pager } from '../components/pager.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useKeysetPages } from '../components/use-keyset-pages.ts';

/** 已办: the issues the official has acted on (their ledger names them), filtered and sorted on the server. */
export function DoneList() {
  const [filter, setFilter] = useState<IssueFilter>({});
  const [order, setOrder] = useState<IssueOrder>({ sort: 'filedAt', order: 'desc' });
  const [pageSize, setPageSize] = useState(30);
  const pages = useKeysetPages((cursor) => api.issues({ ...filter, ...order, actedBy: 'me', limit: pageSize, cursor }), [JSON.stringify(filter), order.sort, order.order, pageSize]);
  return (
    <div data-testid="done-list">
      <IssueFilters value={filter} onChange={setFilter} hide={['unitId']} />
      <ProblemAlert error={pages.error} />
      <IssueTable items={pages.items} loading={pages.loading} show={['enterprise', 'note']} order={order} onOrder={setOrder} />
      <Pager {...pages} pageSize={pageSize} onPageSize={setPageSize} />
    </div>
  );
}
