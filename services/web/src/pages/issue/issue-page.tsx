import { useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Row, Space, Spin, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { FourElements } from '../../components/four-elements.tsx';
import { DueExplanations } from '../../components/due-explanations.tsx';
import { IssueTimeline } from '../../components/issue-timeline.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StageTag } from '../../components/stage-tag.tsx';
import { TrackTag } from '../../components/track-tag.tsx';
import { useLoad } from '../../components/use-load.ts';
import { When } from '../../components/when.tsx';
import { useLocale } from '../../i18n/locale.tsx';
import { resolvedLabel, satisfactionLabel } from '../../i18n/labels.ts';
import { useSession } from '../../session.tsx';
import { ActionModal } from './action-modal.tsx';
import { actionsFor, type ActionSpec } from './actions.ts';
import { ListFromIssue } from '../dispatch/list-from-issue.tsx';
import { PressReminderButton } from '../../components/press-reminder-button.tsx';
import { AnswersCard } from './answers-card.tsx';
import { AppealButton } from './appeal-button.tsx';
import { Lines } from '../../components/lines.tsx';
import { IssueOrderModal } from '../board/issue-order-modal.tsx';
import { OrdersTable } from '../orders.tsx';
import { SimilarIssues } from '../../components/similar-issues.tsx';
import { RelatedIssues } from '../../components/related-issues.tsx';

/** One issue: what was asked, the four elements, answers, ratings, the ledger, and what the user may do next. */
export default function IssuePage() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const { lang, t } = useLocale();
  const issue = useLoad(() => api.issue(id), [id]);
  const timeline = useLoad(() => api.timeline(id), [id]);
  const [acting, setActing] = useState<ActionSpec | null>(null);
  const [ordering, setOrdering] = useState(false);
  const [ordersRefresh, setOrdersRefresh] = useState(0);
  const [linksRefresh, setLinksRefresh] = useState(0);
  if (issue.error) return <ProblemAlert error={issue.error} />;
  const i = issue.data;
  if (!i || !me) return <Spin />;
  const events = timeline.data ?? [];
  const lastExtension = events.filter((e) => ['requestExtension', 'approveExtension', 'denyExtension'].includes(e.type)).at(-1);
  const actions = actionsFor(me, i, lastExtension?.type === 'requestExtension');
  // The lead unit's head may ask that the issue be left out of the unit's scores (申诉).
  const appeals = me.kind === 'official' && me.roles.includes('unit_head') && me.unitId !== null && me.unitId === i.leadUnitId;
  // Supervision may issue a 督办单 by hand on an open issue (the API decides whether it is overdue or escalated).
  const supervises = me.kind === 'official' && me.roles.includes('supervisor') && !i.closedAt;
  // A dispatcher lists and dispatches from here as from the queue, with the same defaults.
  const lists = me.kind === 'official' && me.roles.includes('dispatcher') && ['submitted', 'listed'].includes(i.stage);
  // 催办: the enterprise on its overdue issue, a leader on one they see (the API keeps it to once a day).
  const presses = (me.kind === 'enterprise' || (me.kind === 'official' && me.roles.includes('leader'))) && !i.closedAt && i.pressingDueAt !== null && Date.parse(i.pressingDueAt) < Date.now();
  // Officials follow the issue's 督办单 here once it has gone red or beyond.
  const showOrders = me.kind === 'official' && ['red', 'leader', 'supervision'].includes(i.track);
  // A 关联 or 取消关联 goes on the ledger and changes both the similar issues' marks and the 关联诉求 card.
  const linksChanged = () => {
    setLinksRefresh((n) => n + 1);
    timeline.reload();
  };
  const reload = () => {
    setActing(null);
    issue.reload();
    timeline.reload();
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Typography.Text code data-testid="issue-number">
              {i.number}
            </Typography.Text>
            <span>{i.title}</span>
            <StageTag stage={i.state} />
            {i.closedAt ? null : <TrackTag track={i.track} />}
            {i.greenChannel ? <Tag color="green">{t('绿色通道', 'Green channel')}</Tag> : null}
          </Space>
        }
        extra={
          <Button className="no-print" icon={<PrinterOutlined />} href={`/issues/${i.id}/print`} target="_blank" data-testid="issue-print">
            {t('打印', 'Print')}
          </Button>
        }
      >
        <Typography.Paragraph data-testid="status-note" strong>
          {i.statusNote}
          {/* A duplicate is followed on its original: the note says so, the link leads there. */}
          {i.duplicateOf ? (
            <>
              {' '}
              <Link to={`/issues/${i.duplicateOf}`} data-testid="duplicate-original">
                {t('查看原问题', 'Open the original')}
              </Link>
            </>
          ) : null}
        </Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('企业', 'Enterprise')}>{i.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label={t('类别', 'Category')}>{i.categoryName}</Descriptions.Item>
          {/* 首问责任: whoever recorded the problem answers for it until dispatch. */}
          {i.firstResponder ? (
            <Descriptions.Item label={t('首问责任人', 'First responder')}>
              <span data-testid="first-responder">{i.firstResponder.name}</span>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('提交时间', 'Filed')}>
            <When at={i.filedAt} />
          </Descriptions.Item>
          {/* An issue handed over from a key project (即刻交办) links back to it. */}
          {(i as { projectId?: string | null }).projectId ? (
            <Descriptions.Item label={t('来自重点项目', 'From key project')}>
              <Link to={`/projects/${(i as { projectId?: string | null }).projectId}`} data-testid="issue-project">
                {t('查看项目', 'Open the project')}
              </Link>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{i.description}</Typography.Paragraph>
        {i.attachments.length ? (
          <Space wrap>
            {i.attachments.map((a) => (
              <a key={a.id} href={api.attachmentUrl(a.id)}>
                {a.filename}
              </a>
            ))}
          </Space>
        ) : null}
        {/* While the issue reloads after an action the buttons wait: an action sent with the old version would be refused (409). */}
        {actions.length || appeals || supervises || lists || presses ? (
          <Space wrap style={{ marginTop: 16 }} data-testid="actions">
            {lists ? <ListFromIssue issue={i} disabled={issue.loading || timeline.loading} onDone={reload} /> : null}
            {presses ? <PressReminderButton issueId={i.id} onDone={reload} /> : null}
            {actions.map((a) => (
              <Button
                key={a.path}
                type={a.danger ? 'default' : 'primary'}
                danger={a.danger ?? false}
                ghost={!a.danger && a !== actions[0]}
                onClick={() => setActing(a)}
                disabled={issue.loading || timeline.loading}
                data-action={a.path}
              >
                {lang === 'zh' ? a.zh : a.en}
              </Button>
            ))}
            {appeals ? <AppealButton issue={i} /> : null}
            {supervises ? (
              <Button danger onClick={() => setOrdering(true)} disabled={issue.loading || timeline.loading} data-testid="issue-order">
                {t('下发督办单', 'Issue a supervision order')}
              </Button>
            ) : null}
          </Space>
        ) : null}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Card>
              <FourElements issue={i} />
            </Card>
            <DueExplanations issue={i} />
            {/* Officials see the same problem elsewhere; the dispatcher may mark a duplicate while it is not yet dispatched. */}
            {me.kind === 'official' && !i.closedAt ? (
              <SimilarIssues
                issueId={i.id}
                markable={me.roles.includes('dispatcher') && ['submitted', 'listed'].includes(i.stage) ? { version: i.version } : undefined}
                onMarked={reload}
                onLinked={linksChanged}
                linksRefresh={linksRefresh}
              />
            ) : null}
            <RelatedIssues issueId={i.id} refresh={linksRefresh} onUnlinked={linksChanged} />
            {i.pendingDocuments.length ? (
              <Card title={t('容缺材料', 'Pending documents (容缺)')} size="small" data-testid="pending-documents">
                <Lines
                  items={i.pendingDocuments}
                  render={(d) => (
                    <div>
                      {d.name} · {t('补齐期限', 'due')} <When at={d.dueAt} /> {d.suppliedAt ? <Tag color="green">{t('已补齐', 'supplied')}</Tag> : <Tag color="orange">{t('待补齐', 'pending')}</Tag>}
                    </div>
                  )}
                />
              </Card>
            ) : null}
            <AnswersCard issue={i} />
            {showOrders || ordersRefresh > 0 ? (
              <Card title={t('督办单', 'Supervision orders')} size="small" data-testid="issue-orders">
                <OrdersTable openOnly={false} issueId={i.id} refresh={ordersRefresh} />
              </Card>
            ) : null}
            {i.ratings.length ? (
              <Card title={t('企业评价', 'Ratings')} size="small" data-testid="ratings">
                <Lines
                  items={i.ratings}
                  render={(r) => (
                    <div>
                      {t(`第${r.round}轮`, `Round ${r.round}`)} · {r.resolved ? resolvedLabel(r.resolved, lang) : '—'} · {r.satisfaction ? satisfactionLabel(r.satisfaction, lang) : '—'}{' '}
                      {r.comment ? `· ${r.comment}` : ''} · <When at={r.ratedAt} />
                    </div>
                  )}
                />
              </Card>
            ) : null}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('办理过程', 'Timeline')} size="small">
            {events.length ? <IssueTimeline events={events} /> : <Empty />}
          </Card>
        </Col>
      </Row>
      {ordering ? <IssueOrderModal issue={i} onClose={() => setOrdering(false)} onDone={() => (setOrdering(false), setOrdersRefresh((n) => n + 1), reload())} /> : null}
      {acting ? <ActionModal spec={acting} issue={i} onClose={() => setActing(null)} onDone={reload} /> : null}
    </Space>
  );
}
