import { useState } from 'react';
import { App, Button, Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/endpoints.ts';
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
};

/**
 * 相似诉求: open issues whose wording is most like this one's, from the same enterprise (a likely
 * duplicate, marked in one action: 合并办理) or from others (the same problem elsewhere).
 */
export function SimilarIssues({ issueId, markable, onMarked }: Props) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const similar = useLoad(() => similarIssues(issueId, { limit: 8 }), [issueId]);
  const [busy, setBusy] = useState<string | null>(null);
  const items = similar.data?.items ?? [];
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
          </Space>
        </div>
      ))}
    </Card>
  );
}
