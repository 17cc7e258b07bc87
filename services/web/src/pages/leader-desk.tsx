import { useState } from 'react';
import { Card, Tabs } from 'antd';
import { api } from '../api/endpoints.ts';
import { IssueFilters, type IssueFilter } from '../components/issue-filters.tsx';
import { IssueTable } from '../components/issue-table.tsx';
import { Pager } from '../components/pager.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useKeysetPages } from '../components/use-keyset-pages.ts';
import { useT } from '../i18n/locale.tsx';
import { useSession } from '../session.tsx';
import Inbox from './inbox.tsx';

/** A leader's desk: what needs their decision (sign-off, extensions, escalations, repeated returns), and their enterprises' issues. */
export default function LeaderDesk() {
  const t = useT();
  const { me } = useSession();
  const leaderId = me?.kind === 'official' ? (me.leaderId ?? undefined) : undefined;
  const [filter, setFilter] = useState<IssueFilter>({ open: true });
  const pages = useKeysetPages((cursor) => api.issues({ ...filter, leaderId, limit: 30, cursor }), [JSON.stringify(filter), leaderId]);
  return (
    <Card title={t('领导工作台', 'Leader desk')}>
      <Tabs
        items={[
          { key: 'decide', label: t('待我决定', 'Needs my decision'), children: <Inbox only={['signOff', 'extension', 'escalated', 'ruleReturn']} embedded /> },
          {
            key: 'issues',
            label: t('分包企业诉求', "My enterprises' issues"),
            children: (
              <>
                <IssueFilters value={filter} onChange={setFilter} hide={['leaderId']} />
                <ProblemAlert error={pages.error} />
                <IssueTable items={pages.items} loading={pages.loading} show={['enterprise', 'unit', 'note']} />
                <Pager {...pages} />
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
