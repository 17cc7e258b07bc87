import { useEffect, useState } from 'react';
import { App, Button, Card, Input, Modal, Segmented, Space, Table, Tabs, Typography } from 'antd';
import { exports } from '../api/exports.ts';
import { ExportButton } from '../components/export-button.tsx';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/endpoints.ts';
import type { Task } from '../api/types.ts';
import { Countdown } from '../components/countdown.tsx';
import { ProblemAlert, problemText } from '../components/problem-alert.tsx';
import { TrackTag } from '../components/track-tag.tsx';
import { LoadMore } from '../components/load-more.tsx';
import { useMorePages } from '../components/use-more-pages.ts';
import { When } from '../components/when.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { taskLabel } from '../i18n/labels.ts';
import { useBatchClaim } from './inbox-batch-claim.tsx';
import { DoneList } from './done-list.tsx';

/** How many tasks a page of the inbox brings: the API pages it by keyset, soonest due first. */
const INBOX_PAGE = 50;
const REFRESH_MS = 30_000;

/**
 * An official's tasks, soonest due first, each with a live countdown and its track colour; a
 * claim or a return is one click here, everything else opens the issue.
 */
export default function Inbox({ only, embedded = false }: { only?: Task['task'][]; embedded?: boolean } = {}) {
  const { lang, t } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const inbox = useMorePages((q) => api.inbox(q), INBOX_PAGE, []);
  const [filter, setFilter] = useState<string>('all');
  const [returning, setReturning] = useState<Task | null>(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    const timer = setInterval(inbox.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [inbox.reload]);
  const tasks = inbox.items.filter((x) => !only || only.includes(x.task));
  const kinds = [...new Set(tasks.map((x) => x.task))];
  const shown = filter === 'all' ? tasks : tasks.filter((x) => x.task === filter);
  const batch = useBatchClaim(shown, inbox.reload);
  const act = async (task: Task, action: string, body: object = {}) => {
    try {
      const r = await api.act(task.issueId ?? '', action, { expectedVersion: task.version, ...body });
      message.success(r.statusNote);
      inbox.reload();
    } catch (e) {
      message.error(problemText(e));
    }
  };
  const body = (
    <>
      <ProblemAlert error={inbox.error} />
      {kinds.length > 1 ? (
        <Segmented
          style={{ marginBottom: 12 }}
          value={filter}
          onChange={(v) => setFilter(String(v))}
          options={[{ label: t('全部', 'All'), value: 'all' }, ...kinds.map((k) => ({ label: taskLabel(k, lang), value: k }))]}
        />
      ) : null}
      {batch.bar}
      <Table<Task>
        {...(batch.rowSelection ? { rowSelection: batch.rowSelection } : {})}
        rowKey={(r) => `${r.issueId ?? r.projectId}-${r.task}-${r.dueAt ?? ''}`}
        loading={inbox.loading && !inbox.loaded}
        dataSource={shown}
        pagination={false}
        data-testid="inbox-table"
        columns={[
          { title: t('事项', 'Task'), dataIndex: 'task', width: 110, render: (k: string) => taskLabel(k, lang) },
          { title: t('编号', 'Number'), dataIndex: 'number', width: 130, render: (n: string, r) => <Link to={r.projectId ? `/projects/${r.projectId}` : `/issues/${r.issueId}`}>{n}</Link> },
          {
            title: t('诉求', 'Title'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <span>
                {v}
                <br />
                <Typography.Text type="secondary">{r.enterpriseName}</Typography.Text>
              </span>
            ),
          },
          { title: t('时限', 'Track'), dataIndex: 'track', width: 110, render: (tr: string) => <TrackTag track={tr} /> },
          { title: t('期限', 'Due'), dataIndex: 'dueAt', width: 150, render: (v: string | null) => <When at={v} /> },
          { title: t('倒计时', 'Countdown'), dataIndex: 'dueAt', width: 160, render: (v: string | null) => <Countdown dueAt={v} /> },
          {
            title: t('操作', 'Action'),
            width: 170,
            render: (_: unknown, r) => (
              <Space>
                {r.task === 'claim' ? (
                  <Button size="small" type="primary" onClick={() => void act(r, 'claim')} data-testid={`claim-${r.number}`}>
                    {t('签收', 'Claim')}
                  </Button>
                ) : null}
                {r.task === 'claim' && r.state === 'awaitingClaim' ? (
                  <Button size="small" danger onClick={() => (setReason(''), setReturning(r))}>
                    {t('退单', 'Return')}
                  </Button>
                ) : null}
                {/* A 督办单 is answered on the orders page; everything else on the issue. */}
                {r.task !== 'claim' ? (
                  <Button size="small" onClick={() => navigate(r.task === 'supervisionOrder' ? '/orders' : `/issues/${r.issueId}`)}>
                    {r.task === 'supervisionOrder' ? t('回复', 'Reply') : t('办理', 'Open')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <LoadMore count={tasks.length} hasMore={inbox.hasMore} loading={inbox.loading} more={inbox.more} testId="inbox-more" />
      <Modal
        open={returning !== null}
        title={t('退单', 'Return')}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        onCancel={() => setReturning(null)}
        onOk={() => returning && void act(returning, 'return', { reason }).then(() => setReturning(null))}
      >
        <Typography.Paragraph>
          {t('请说明不属于本单位职责的理由，由营商办裁定（裁定为最终结果）。', "Say why this is not your unit's; the service centre rules, and the ruling is final.")}
        </Typography.Paragraph>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
  // Inside another page's tab the inbox needs no frame of its own.
  if (embedded) return body;
  return (
    <Card
      title={t('待办事项', 'Inbox')}
      extra={
        <Space wrap>
          <Typography.Text type="secondary">{t('每30秒刷新', 'refreshes every 30 s')}</Typography.Text>
          <ExportButton href={exports.inbox()} testId="inbox-xlsx" />
        </Space>
      }
    >
      {/* 待办 and 已办: what waits on the official, and what they have already acted on. */}
      <Tabs
        items={[
          { key: 'todo', label: t('待办', 'To do'), children: body },
          { key: 'done', label: t('已办', 'Done'), children: <DoneList /> },
        ]}
      />
    </Card>
  );
}
