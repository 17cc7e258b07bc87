import { Descriptions, Space, Typography } from 'antd';
import { api } from '../../api/endpoints.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useT } from '../../i18n/locale.tsx';

/** What the enterprise wrote and sent, for the dispatcher to read before choosing the four elements. */
export function IssueBrief({ issueId }: { issueId: string }) {
  const t = useT();
  const issue = useLoad(() => api.issue(issueId), [issueId]);
  const i = issue.data;
  return (
    <>
      <ProblemAlert error={issue.error} />
      <Descriptions column={1} layout="vertical" size="small" bordered style={{ marginBottom: 16 }} data-testid="listing-brief">
        <Descriptions.Item label={t('企业', 'Enterprise')}>{i?.enterpriseName ?? '…'}</Descriptions.Item>
        <Descriptions.Item label={t('诉求描述', 'Description')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="listing-description">
            {i?.description ?? '…'}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t('附件', 'Attachments')}>
          {i && i.attachments.length === 0 ? t('无', 'None') : null}
          <Space wrap data-testid="listing-attachments">
            {(i?.attachments ?? []).map((a) => (
              <a key={a.id} href={api.attachmentUrl(a.id)} target="_blank" rel="noreferrer">
                {a.filename}
              </a>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}
