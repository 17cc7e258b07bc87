import { Button, Card, Segmented, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { IssueTable } from '../../components/issue-table.tsx';
import { Pager } from '../../components/pager.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useKeysetPages } from '../../components/use-keyset-pages.ts';
import { useT } from '../../i18n/locale.tsx';
import { useSession } from '../../session.tsx';
import { AssignmentCard } from './assignment-card.tsx';

/** The enterprise's own issues, newest first, one server page at a time. */
export default function MyIssues() {
  const t = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState<'open' | 'all'>('open');
  const { me } = useSession();
  const pages = useKeysetPages((cursor) => api.issues({ limit: 20, cursor, open: open === 'open' ? true : undefined }), [open]);
  return (
    <>
      {me?.kind === 'enterprise' ? <AssignmentCard enterpriseId={me.enterpriseId} /> : null}
      <Card
        title={t('我的诉求', 'My issues')}
        extra={
          <Space>
            <Segmented
              value={open}
              onChange={(v) => setOpen(v as 'open' | 'all')}
              options={[
                { label: t('办理中', 'Open'), value: 'open' },
                { label: t('全部', 'All'), value: 'all' },
              ]}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/portal/new')} data-testid="new-issue">
              {t('提交诉求', 'File an issue')}
            </Button>
          </Space>
        }
      >
        <ProblemAlert error={pages.error} />
        <IssueTable items={pages.items} loading={pages.loading} show={['unit', 'note']} />
        <Pager {...pages} />
      </Card>
    </>
  );
}
