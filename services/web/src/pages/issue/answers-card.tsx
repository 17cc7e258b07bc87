import { Card, Tag, Typography } from 'antd';
import type { IssueDetail } from '../../api/types.ts';
import { useT } from '../../i18n/locale.tsx';
import { When } from '../../components/when.tsx';
import { Lines } from '../../components/lines.tsx';

const KINDS: Record<string, [string, string]> = {
  first_contact: ['先行联系', 'First contact'],
  interim: ['阶段答复', 'Interim reply'],
  final: ['办结答复', 'Final answer'],
  info_request: ['请补充信息', 'Information requested'],
  assist: ['协办答复', 'Assist answer'],
};

/** Replies not (yet) sent to the enterprise: drafts awaiting review, answers sent back, internal notes. */
const STATUSES: Record<string, [string, string]> = {
  draft: ['待审核', 'awaiting review'],
  rejected: ['已退回修改', 'sent back'],
  internal: ['内部记录', 'internal'],
};

/** Replies to the enterprise (and, for officials, internal notes and drafts), oldest first. */
export function AnswersCard({ issue }: { issue: IssueDetail }) {
  const t = useT();
  const assists = issue.assists.filter((a) => a.answer);
  const statusLabel = (s: string) => {
    const pair = STATUSES[s];
    return pair ? t(pair[0], pair[1]) : s;
  };
  if (!issue.replies.length && !assists.length) return null;
  return (
    <Card title={t('答复', 'Replies')} size="small" data-testid="replies">
      <Lines
        items={issue.replies}
        render={(r) => {
          const kind = KINDS[r.kind];
          return (
            <div>
              <div>
                <Tag>{kind ? t(kind[0], kind[1]) : r.kind}</Tag>
                {r.outcome ? <Tag color={r.outcome === 'positive' ? 'green' : 'orange'}>{r.outcome === 'positive' ? t('可办理', 'positive') : t('否定答复', 'negative')}</Tag> : null}
                {r.status !== 'sent' ? <Tag color={r.status === 'rejected' ? 'red' : 'default'}>{statusLabel(r.status)}</Tag> : null}
                <Typography.Text type="secondary">
                  <When at={r.sentAt ?? r.createdAt} />
                </Typography.Text>
                <div style={{ whiteSpace: 'pre-wrap' }}>{r.body}</div>
                {r.wayForward ? (
                  <div>
                    <Typography.Text strong>{t('解决路径：', 'Way forward: ')}</Typography.Text>
                    {r.wayForward}
                  </div>
                ) : null}
              </div>
            </div>
          );
        }}
      />
      {assists.map((a) => (
        <Typography.Paragraph key={a.unitId}>
          <Tag>
            {t('协办', 'Assist')} {a.unitName}
          </Tag>
          {a.answer}
        </Typography.Paragraph>
      ))}
    </Card>
  );
}
