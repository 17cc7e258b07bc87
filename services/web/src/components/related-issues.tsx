import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { relatedIssues, unlinkIssue } from '../api/links.ts';
import { useLocale } from '../i18n/locale.tsx';
import { problemText, ProblemAlert } from './problem-alert.tsx';
import { StageTag } from './stage-tag.tsx';
import { useLoad } from './use-load.ts';
import { When } from './when.tsx';

type Props = {
  issueId: string;
  /** Changed by the page after a 关联 elsewhere (the similar issues): load again. */
  refresh?: number;
  /** After a 取消关联: the issue's ledger and the similar issues' marks changed. */
  onUnlinked?: () => void;
};

/**
 * 关联诉求: the issues linked to this one that the user may see (an enterprise, only its own), each
 * opened in a new tab, and 取消关联 for whoever may link. Nothing shown while there is none.
 */
export function RelatedIssues({ issueId, refresh = 0, onUnlinked }: Props) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const related = useLoad(() => relatedIssues(issueId), [issueId, refresh]);
  const [busy, setBusy] = useState<string | null>(null);
  const items = related.data?.items ?? [];
  const unlink = async (other: string) => {
    setBusy(other);
    try {
      await unlinkIssue(issueId, other);
      message.success(t('已取消关联', 'Unlinked'));
      related.reload();
      onUnlinked?.();
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(null);
    }
  };
  if (!related.error && items.length === 0) return null;
  return (
    <Card size="small" title={t('关联诉求', 'Related issues')} data-testid="related-issues">
      <ProblemAlert error={related.error} />
      {items.map((r) => (
        <div key={r.id} data-testid="related-issue" style={{ padding: '6px 0', borderTop: '1px solid #f0f0f0' }}>
          <Space wrap size={4}>
            <Link to={`/issues/${r.id}`} target="_blank">
              {r.number}
            </Link>
            <Typography.Text style={{ overflowWrap: 'anywhere' }}>{r.title}</Typography.Text>
            <StageTag stage={r.stage} />
            <Tag color={r.sameEnterprise ? 'orange' : 'blue'}>{r.sameEnterprise ? t('同一企业', 'Same enterprise') : r.enterpriseName}</Tag>
            <Typography.Text type="secondary">
              {t('关联于', 'linked')} <When at={r.linkedAt} />
            </Typography.Text>
            {related.data?.canLink ? (
              <Popconfirm title={t('取消与此件的关联？', 'Unlink this issue?')} onConfirm={() => void unlink(r.id)} okText={t('取消关联', 'Unlink')} cancelText={t('保留', 'Keep')}>
                <Button size="small" danger loading={busy === r.id} disabled={busy !== null} data-testid="unlink-related">
                  {t('取消关联', 'Unlink')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        </div>
      ))}
    </Card>
  );
}
