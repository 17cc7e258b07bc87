import { useState } from 'react';
import { App, Button, Input, Modal, Radio, Segmented, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { reports } from '../../api/reports.ts';
import type { Appeal, AppealStatus } from '../../api/report-types.ts';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { useLoad } from '../../components/use-load.ts';
import { When } from '../../components/when.tsx';
import { useT } from '../../i18n/locale.tsx';
import { hasAnyRole, useSession } from '../../session.tsx';
import { AppealStatusTag } from './bulletin-view.tsx';

const PAGE = 20;
const REASONS: Record<string, [string, string]> = { unreasonable: ['诉求不合理', 'unreasonable'], duplicate: ['重复诉求', 'duplicate'], malicious: ['恶意诉求', 'malicious'] };

/** 申诉: units' requests to leave an issue out of their scores; supervision decides, with a reason, on the record. */
export default function AppealsPanel() {
  const t = useT();
  const { me } = useSession();
  const { message } = App.useApp();
  const [status, setStatus] = useState<AppealStatus | 'all'>('pending');
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => reports.appeals({ status: status === 'all' ? undefined : status, limit: PAGE, offset }), [status, offset]);
  const [deciding, setDeciding] = useState<Appeal | null>(null);
  const [accept, setAccept] = useState(true);
  const [note, setNote] = useState('');
  const decides = hasAnyRole(me, 'supervisor');
  const decide = async () => {
    if (!deciding) return;
    try {
      await reports.decideAppeal(deciding.id, { accept, note });
      setDeciding(null);
      list.reload();
    } catch (e) {
      message.error(problemText(e));
    }
  };
  return (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => (setStatus(v as AppealStatus | 'all'), setOffset(0))}
        options={[
          { label: t('待裁定', 'Pending'), value: 'pending' },
          { label: t('已采纳', 'Accepted'), value: 'accepted' },
          { label: t('未采纳', 'Rejected'), value: 'rejected' },
          { label: t('全部', 'All'), value: 'all' },
        ]}
      />
      <ProblemAlert error={list.error} />
      <Table<Appeal>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: offset / PAGE + 1, pageSize: PAGE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => setOffset((p - 1) * PAGE) }}
        data-testid="appeals-table"
        columns={[
          { title: t('编号', 'Number'), dataIndex: 'number', render: (n: string, r) => <Link to={`/issues/${r.issueId}`}>{n}</Link> },
          { title: t('诉求', 'Title'), dataIndex: 'title' },
          { title: t('单位', 'Unit'), dataIndex: 'unitName' },
          { title: t('类型', 'Reason'), dataIndex: 'reason', render: (r: string) => (REASONS[r] ? t(...REASONS[r]) : r) },
          { title: t('申诉理由', 'Text'), dataIndex: 'text' },
          { title: t('提出', 'Filed'), dataIndex: 'filedAt', render: (v: string) => <When at={v} /> },
          {
            title: t('裁定', 'Decision'),
            dataIndex: 'status',
            render: (s: string, r) =>
              s === 'pending' && decides ? (
                <Button size="small" type="primary" onClick={() => (setAccept(true), setNote(''), setDeciding(r))}>
                  {t('裁定', 'Decide')}
                </Button>
              ) : (
                <span>
                  <AppealStatusTag status={s} /> {r.decisionNote}
                </span>
              ),
          },
        ]}
      />
      <Modal open={deciding !== null} title={t('申诉裁定', 'Decide the appeal')} onCancel={() => setDeciding(null)} onOk={() => void decide()} okButtonProps={{ disabled: !note.trim() }}>
        <Typography.Paragraph>{deciding?.text}</Typography.Paragraph>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Radio.Group
            value={accept}
            onChange={(e) => setAccept(e.target.value as boolean)}
            options={[
              { value: true, label: t('采纳：该诉求不计入单位得分', 'Accept: leave it out of the scores') },
              { value: false, label: t('不采纳', 'Reject') },
            ]}
          />
          <Input.TextArea rows={3} placeholder={t('裁定理由（记入台账和通报）', 'Reason (kept in the ledger and the bulletin)')} value={note} onChange={(e) => setNote(e.target.value)} />
        </Space>
      </Modal>
    </>
  );
}

/** The reasons a unit may give, for the filing form on the issue page. */
export const APPEAL_REASON_OPTIONS = Object.entries(REASONS).map(([value, [zh, en]]) => ({ value, zh, en }));
