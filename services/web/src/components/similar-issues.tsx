import { useState } from 'react';
import { App, Button, Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/endpoints.ts';
import { linkIssue, relatedIssues } from '../api/links.ts';
import { similarIssues } from '../api/search.ts';
import { useLocale } from '../i18n/locale.tsx';
import { problemText, ProblemAlert } from './problem-alert.tsx';
import { StageTag } from './stage-tag.tsx';
import { useLoad } from './use-load.ts';

type Props = {
  issueId: string;
  /** While the issue may still be marked a duplicate (submitted or listed) by this user: the one-action link. */
  markable?: { version: number } | undefined;
  onMarked?: () => void;
  /** After a 关联: the issue's related issues changed. */
  onLinked?: () => void;
  /** Changed by the page after a link was removed elsewhere: which ones are linked, again. */
  linksRefresh?: number;
};

/**
 * 相似诉求: open issues whose wording is most like this one's, from the same enterprise (a likely
 * duplicate, marked in one action: 合并办理) or from others (the same problem elsewhere), each
 * linked in one action (关联, any enterprise) when the user may link.
 */
export function SimilarIssues({ issueId, markable, onMarked, onLinked, linksRefresh = 0 }: Props) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const similar = useLoad(() => similarIssues(issueId, { limit: 8 }), [issueId]);
  const related = useLoad(() => relatedIssues(issueId), [issueId, linksRefresh]);
  const [busy, setBusy] = useState<string | null>(null);
  const items = similar.data?.items ?? [];
  const linked = new Set(related.data?.items.map((r) => r.id));
  const link = async (other: string) => {
    setBusy(other);
    try {
      await linkIssue(issueId, other);
      message.success(t('已关联', 'Linked'));
      related.reload();
      onLinked?.();
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(null);
    }
  };
  const mark = async (duplicateOf: string) => {
    if (!markable) return;
    setBusy(duplicateOf);
    try {
      const done = await api.act(issueId, 'mark-duplicate', { expectedVersion: markable.version, duplicateOf });
      message.success(done.statusNote);
      onMarked?.();
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(null);
    }
  };
  if (!similar.error && items.length === 0) return null;
  return (
    <Card size="small" title={t('相似诉求（可能重复或同类问题）', 'Similar issues (likely duplicates or the same problem)')} style={{ marginBottom: 16 }} data-testid="similar-issues">
      <ProblemAlert error={similar.error} />
      {items.map((s) => (
        <div key={s.id} data-testid="similar-issue" style={{ padding: '6px 0', borderTop: '1px solid #f0f0f0' }}>
          <Space wrap size={4}>
            <Link to={`/issues/${s.id}`} target="_blank">
              {s.number}
            </Link>
            <Typography.Text style={{ overflowWrap: 'anywhere' }}>{s.title}</Typography.Text>
            <StageTag stage={s.stage} />
            <Tag color={s.sameEnterprise ? 'orange' : 'blue'}>{s.sameEnterprise ? t('同一企业', 'Same enterprise') : s.enterpriseName}</Tag>
            <Typography.Text type="secondary">{t(`相似度 ${Math.round(s.similarity * 100)}%`, `${Math.round(s.similarity * 100)}% alike`)}</Typography.Text>
            {markable && s.sameEnterprise && !s.closedAt ? (
              <Button size="small" loading={busy === s.id} disabled={busy !== null} onClick={() => void mark(s.id)} data-testid="mark-duplicate-of">
                {t('标记为此件的重复', 'Mark as its duplicate')}
              </Button>
            ) : null}
            {linked.has(s.id) ? (
              <Tag color="green" data-testid="similar-linked">
                {t('已关联', 'Linked')}
              </Tag>
            ) : related.data?.canLink ? (
              <Button size="small" loading={busy === s.id} disabled={busy !== null} onClick={() => void link(s.id)} data-testid="link-related">
                {t('关联', 'Link')}
              </Button>
            ) : null}
          </Space>
        </div>
      ))}
    </Card>
  );
}
