import { useState } from 'react';
import { App, Button, Card, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { linkIssueByNumber, relatedIssues, unlinkIssue } from '../api/links.ts';
import { useLocale } from '../i18n/locale.tsx';
import { problemText, ProblemAlert } from './problem-alert.tsx';
import { StageTag } from './stage-tag.tsx';
import { useLoad } from './use-load.ts';
import { When } from './when.tsx';

type Props = {
  issueId: string;
  /** Changed by the page after a 关联 elsewhere (the similar issues): load again. */
  refresh?: number;
  /** After a 关联 or 取消关联 here: the issue's ledger and the similar issues' marks changed. */
  onUnlinked?: () => void;
};

/**
 * A number as people type it made whole: 2026-123 → 2026-000123, and 123 → this year's. Anything
 * else goes as typed, for the API to name what is wrong with it.
 */
function issueNumberOf(typed: string, year = new Date().getFullYear()): string {
  const s = typed.trim();
  const full = /^(\d{4})-(\d{1,9})$/.exec(s);
  if (full) return `${full[1]}-${(full[2] ?? '').padStart(6, '0')}`;
  if (/^\d{1,6}$/.test(s)) return `${year}-${s.padStart(6, '0')}`;
  return s;
}

/**
 * 关联诉求: the issues linked to this one that the user may see (an enterprise, only its own), each
 * opened in a new tab, and 取消关联 for whoever may link. Nothing shown while there is none.
 */
export function RelatedIssues({ issueId, refresh = 0, onUnlinked }: Props) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const related = useLoad(() => relatedIssues(issueId), [issueId, refresh]);
  const [busy, setBusy] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [linkError, setLinkError] = useState<string | null>(null);
  const items = related.data?.items ?? [];
  const canLink = related.data?.canLink ?? false;
  const linkTyped = async () => {
    if (!typed.trim()) {
      setLinkError(t('请输入工单号', 'Enter an issue number'));
      return;
    }
    setBusy('typed');
    try {
      await linkIssueByNumber(issueId, issueNumberOf(typed));
      message.success(t('已关联', 'Linked'));
      setTyped('');
      setLinkError(null);
      related.reload();
      onUnlinked?.();
    } catch (e) {
      // Kept in place under the field, with what was typed, so that it can be corrected.
      setLinkError(problemText(e));
    } finally {
      setBusy(null);
    }
  };
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
  if (!related.error && items.length === 0 && !canLink) return null;
  return (
    <Card size="small" title={t('关联诉求', 'Related issues')} data-testid="related-issues">
      <ProblemAlert error={related.error} />
      {canLink ? (
        <div style={{ marginBottom: items.length ? 4 : 0 }}>
          <Space.Compact style={{ width: '100%', maxWidth: 360 }}>
            <Input
              aria-label={t('按工单号关联', 'Link by issue number')}
              placeholder={t('输入工单号关联，如 2026-000123', 'Issue number to link, e.g. 2026-000123')}
              value={typed}
              status={linkError ? 'error' : ''}
              onChange={(e) => {
                setTyped(e.target.value);
                setLinkError(null);
              }}
              onPressEnter={() => void linkTyped()}
              data-testid="link-number"
            />
            <Button type="primary" loading={busy === 'typed'} disabled={busy !== null} onClick={() => void linkTyped()} data-testid="link-number-submit">
              {t('关联', 'Link')}
            </Button>
          </Space.Compact>
          {linkError ? (
            <Typography.Text type="danger" role="alert" data-testid="link-number-error" style={{ display: 'block' }}>
              {linkError}
            </Typography.Text>
          ) : null}
        </div>
      ) : null}
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
