import { useState } from 'react';
import { App, Button, Card, Input, Modal, Segmented, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/endpoints.ts';
import type { SupervisionOrder } from '../api/types.ts';
import { Countdown } from '../components/countdown.tsx';
import { ProblemAlert, problemText } from '../components/problem-alert.tsx';
import { LoadMore } from '../components/load-more.tsx';
import { useMorePages } from '../components/use-more-pages.ts';
import { When } from '../components/when.tsx';
import { useLocale, useT } from '../i18n/locale.tsx';
import { clockLabel } from '../i18n/labels.ts';
import { hasAnyRole, useSession } from '../session.tsx';

/** How many orders a page brings: unanswered first, then the oldest. */
const PAGE = 50;

/**
 * 督办单: issued by the engine when a clock reaches supervision, or by supervision by hand from the
 * board; supervision follows them here and the unit head of the order's unit writes the reply.
 * `issueId` narrows the list to one issue's orders (the issue page), `projectId` to one key project's
 * (the project page). `refresh` changes to reload.
 */
export function OrdersTable({ openOnly, issueId, projectId, refresh = 0 }: { openOnly: boolean; issueId?: string | undefined; projectId?: string | undefined; refresh?: number }) {
  const { lang, t } = useLocale();
  const { me } = useSession();
  const { message } = App.useApp();
  const orders = useMorePages((q) => api.orders({ ...q, open: openOnly || undefined, issueId, projectId }), PAGE, [openOnly, issueId, projectId, refresh]);
  const [replying, setReplying] = useState<SupervisionOrder | null>(null);
  // One draft per order, kept when the dialog closes unsent (an outside click, Esc) until it is sent.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const reply = replying ? (drafts[replying.id] ?? '') : '';
  const setReply = (text: string) => replying && setDrafts((d) => ({ ...d, [replying.id]: text }));
  const mayReply = (o: SupervisionOrder) => me?.kind === 'official' && hasAnyRole(me, 'unit_head') && me.unitId === o.unitId && !o.repliedAt;
  const send = async () => {
    if (!replying) return;
    try {
      await api.replyOrder(replying.id, reply);
      message.success(t('已回复', 'Replied'));
      setDrafts(({ [replying.id]: _sent, ...rest }) => rest);
      setReplying(null);
      orders.reload();
    } catch (e) {
      message.error(problemText(e));
    }
  };
  return (
    <>
      <ProblemAlert error={orders.error} />
      <Table<SupervisionOrder>
        rowKey="id"
        loading={orders.loading && !orders.loaded}
        dataSource={orders.items}
        pagination={false}
        data-testid="orders-table"
        columns={[
          // A key project's order has no issue number: it leads to the project instead.
          {
            title: t('编号', 'Number'),
            dataIndex: 'number',
            width: 130,
            render: (n: string | null, r) =>
              r.kind === 'governance' ? (
                <Tag color="cyan" data-testid="order-governance">
                  {t(`主动治理 · ${r.issueCount ?? 0}件`, `Governance · ${r.issueCount ?? 0}`)}
                </Tag>
              ) : r.projectId ? (
                <Link to={`/projects/${r.projectId}`} data-testid="order-project-link">
                  <Tag color="blue">{t('重点项目', 'Key project')}</Tag>
                </Link>
              ) : (
                <Link to={`/issues/${r.issueId}`}>{n}</Link>
              ),
          },
          { title: t('诉求 / 项目', 'Issue / project'), dataIndex: 'title' },
          { title: t('督办单位', 'Unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
          { title: t('下发', 'Issued'), dataIndex: 'issuedAt', width: 150, render: (v: string) => <When at={v} /> },
          // The engine's orders name the clock that ran out; a hand-issued one the supervisor.
          {
            title: t('来源', 'Source'),
            dataIndex: 'clock',
            width: 170,
            render: (c: string | null, r) =>
              c ? (
                <Tag>
                  {t('时限督办', 'track')} · {clockLabel(c, lang)}
                </Tag>
              ) : (
                <Tag color="purple" data-testid="order-by-hand">
                  {t('人工督办', 'by hand')}
                  {r.issuedByName ? ` · ${r.issuedByName}` : ''}
                </Tag>
              ),
          },
          {
            title: t('回复期限', 'Reply due'),
            dataIndex: 'dueAt',
            width: 180,
            render: (v: string, r) => (
              <span>
                {r.repliedAt ? <When at={v} /> : <Countdown dueAt={v} />}
                {r.replyOverdue ? <Tag color="red">{r.repliedAt ? t('逾期回复', 'replied late') : r.escalatedAt ? t('超期未复·已提级', 'overdue, escalated') : t('超期未复', 'overdue')}</Tag> : null}
              </span>
            ),
          },
          { title: t('要求', 'Required'), dataIndex: 'requiredReply', ellipsis: true },
          {
            title: t('回复', 'Reply'),
            dataIndex: 'reply',
            render: (v: string | null, r) =>
              r.repliedAt ? (
                <span>
                  <Tag color="green">{t('已回复', 'replied')}</Tag>
                  {v}
                </span>
              ) : mayReply(r) ? (
                <Button size="small" type="primary" onClick={() => setReplying(r)} data-testid="order-reply">
                  {t('回复', 'Reply')}
                </Button>
              ) : (
                <Tag color="red">{t('未回复', 'open')}</Tag>
              ),
          },
        ]}
      />
      <LoadMore count={orders.items.length} hasMore={orders.hasMore} loading={orders.loading} more={orders.more} testId="orders-more" />
      <Modal open={replying !== null} title={t('督办回复', 'Reply to the order')} onCancel={() => setReplying(null)} onOk={() => void send()} okButtonProps={{ disabled: !reply.trim() }}>
        <Typography.Paragraph>{replying?.requiredReply}</Typography.Paragraph>
        <Input.TextArea rows={4} value={reply} onChange={(e) => setReply(e.target.value)} aria-label={t('回复内容', 'Reply')} data-testid="order-reply-text" />
      </Modal>
    </>
  );
}

export default function OrdersPage() {
  const t = useT();
  const [open, setOpen] = useState(true);
  return (
    <Card
      title={t('督办单', 'Supervision orders')}
      extra={
        <Segmented
          value={open ? 'open' : 'all'}
          onChange={(v) => setOpen(v === 'open')}
          options={[
            { label: t('未回复', 'Open'), value: 'open' },
            { label: t('全部', 'All'), value: 'all' },
          ]}
        />
      }
    >
      <OrdersTable openOnly={open} />
    </Card>
  );
}
