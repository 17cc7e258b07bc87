import { useState } from 'react';
import { Card, Tabs, Tag } from 'antd';
import { api } from '../api/endpoints.ts';
import { IssueFilters, type IssueFilter } from '../components/issue-filters.tsx';
import { IssueTable } from '../components/issue-table.tsx';
import { Pager } from '../components/pager.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useKeysetPages } from '../components/use-keyset-pages.ts';
import { useT } from '../i18n/locale.tsx';
import { useSession } from '../session.tsx';
import type { LeaderEnterprise } from '../api/types.ts';
import Inbox from './inbox.tsx';
import { LeaderEnterprises } from './leader-enterprises.tsx';

/**
 * A leader's desk: what needs their decision (sign-off, extensions, escalations, repeated returns),
 * their enterprises with open issue counts, and those enterprises' issues (all, or one enterprise's).
 */
export default function LeaderDesk() {
  const t = useT();
  const { me } = useSession();
  const leaderId = me?.kind === 'official' ? (me.leaderId ?? undefined) : undefined;
  const [filter, setFilter] = useState<IssueFilter>({ open: true });
  const [tab, setTab] = useState('decide');
  const [enterprise, setEnterprise] = useState<LeaderEnterprise | null>(null);
  // One enterprise's issues are all of them, whoever leads them; else those the leader leads.
  const scope = enterprise ? { enterpriseId: enterprise.id } : { leaderId };
  const pages = useKeysetPages((cursor) => api.issues({ ...filter, ...scope, limit: 30, cursor }), [JSON.stringify(filter), leaderId, enterprise?.id]);
  return (
    <Card title={t('领导工作台', 'Leader desk')}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'decide', label: t('待我决定', 'Needs my decision'), children: <Inbox only={['signOff', 'extension', 'escalated', 'ruleReturn']} embedded /> },
          {
            key: 'enterprises',
            label: t('我的分包企业', 'My enterprises'),
            children: <LeaderEnterprises onIssues={(e) => (setEnterprise(e), setFilter({ open: true }), setTab('issues'))} />,
          },
          {
            key: 'issues',
            label: t('分包企业诉求', "My enterprises' issues"),
            children: (
              <>
                {enterprise ? (
                  <Tag closable onClose={() => setEnterprise(null)} color="blue" style={{ marginBottom: 12 }} data-testid="enterprise-filter">
                    {enterprise.name}
                  </Tag>
                ) : null}
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
