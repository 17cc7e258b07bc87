import { useState } from 'react';
import { Card } from 'antd';
import { api } from '../api/endpoints.ts';
import { IssueFilters, type IssueFilter } from '../components/issue-filters.tsx';
import { IssueTable } from '../components/issue-table.tsx';
import { Pager } from '../components/pager.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useKeysetPages } from '../components/use-keyset-pages.ts';
import { useT } from '../i18n/locale.tsx';

/** Every issue the official may see, filtered on the server, one keyset page at a time. */
export default function IssueSearch() {
  const t = useT();
  const [filter, setFilter] = useState<IssueFilter>({ open: true });
  const pages = useKeysetPages((cursor) => api.issues({ ...filter, limit: 30, cursor }), [JSON.stringify(filter)]);
  return (
    <Card title={t('诉求查询', 'Issues')}>
      <IssueFilters value={filter} onChange={setFilter} />
      <ProblemAlert error={pages.error} />
      <IssueTable items={pages.items} loading={pages.loading} show={['enterprise', 'leader', 'unit']} />
      <Pager {...pages} />
    </Card>
  );
}
