import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Progress, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { projects, type ProgressReport, type ProjectMilestone } from '../../api/projects.ts';
import { Lines } from '../../components/lines.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { TrackTag } from '../../components/track-tag.tsx';
import { useLoad } from '../../components/use-load.ts';
import { When, formatDay } from '../../components/when.tsx';
import { useT } from '../../i18n/locale.tsx';
import { useSession } from '../../session.tsx';
import { OrdersTable } from '../orders.tsx';
import { PlanMilestones, ReplanMilestone } from './plan-milestones.tsx';
import { ProblemForm } from './problem-form.tsx';
import { ProgressReportForm } from './progress-report-form.tsx';
import { ProjectLedger } from './project-ledger.tsx';
import { rightsOn } from './project-roles.ts';
import { StateButtons } from './state-buttons.tsx';
import { formatWan } from './wan.ts';

const MILESTONE_STATES: Record<string, [string, string, string]> = {
  planned: ['未到期', 'planned', 'default'],
  dueSoon: ['临近', 'due soon', 'gold'],
  late: ['滞后', 'late', 'red'],
  done: ['已完成', 'done', 'green'],
};
const PROJECT_STATES: Record<string, [string, string, string]> = {
  planned: ['未开工', 'Planned', 'default'],
  underWay: ['在建', 'Under way', 'processing'],
  suspended: ['暂停', 'Suspended', 'orange'],
  completed: ['已竣工', 'Completed', 'green'],
};

/** One key project: 四明确 (leader, unit, time limit, milestones), 五个一 (team, plan, reports, ledger), problems turned issues, and what the user may do. */
export default function ProjectPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { me } = useSession();
  const p = useLoad(() => projects.one(id), [id]);
  const ledger = useLoad(() => projects.timeline(id), [id]);
  const [dialog, setDialog] = useState<'plan' | 'report' | 'problem' | null>(null);
  const [replanning, setReplanning] = useState<ProjectMilestone | null>(null);
  const [handedOver, setHandedOver] = useState<{ id: string; number: string } | null>(null);
  if (p.error) return <ProblemAlert error={p.error} />;
  const d = p.data;
  if (!d) return <Spin />;
  const rights = rightsOn(me, d);
  const reload = () => {
    setDialog(null);
    setReplanning(null);
    p.reload();
    ledger.reload();
  };
  const done = d.totalInvestment > 0 ? Math.round((d.investmentCompleted / d.totalInvestment) * 100) : 0;
  const yearDone = d.plannedInvestmentYear ? Math.round((d.investmentCompleted / d.plannedInvestmentYear) * 100) : null;
  const state = PROJECT_STATES[d.state];
  const milestoneName = (mid: string) => d.milestones.find((m) => m.id === mid)?.name ?? mid;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <span data-testid="project-title">
            {d.name} <Tag>{d.typeName}</Tag> <Tag color={state?.[2] ?? 'default'}>{state ? t(state[0], state[1]) : d.state}</Tag>
          </span>
        }
        extra={
          <Space wrap className="no-print">
            {rights.plan ? (
              <Button onClick={() => setDialog('plan')} data-project-action="plan">
                {t('制定节点', 'Plan milestones')}
              </Button>
            ) : null}
            {rights.fileReport ? (
              <Button type="primary" onClick={() => setDialog('report')} data-project-action="report">
                {t('报送进度', 'File progress')}
              </Button>
            ) : null}
            {rights.reportProblem ? (
              <Button onClick={() => setDialog('problem')} data-project-action="problem">
                {t('问题交办', 'Hand a problem over')}
              </Button>
            ) : null}
            <StateButtons project={d} rights={rights} onDone={reload} />
          </Space>
        }
      >
        {handedOver ? (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => setHandedOver(null) }}
            style={{ marginBottom: 12 }}
            data-testid="handed-over"
            title={
              <span>
                {t('问题已即刻交办为诉求', 'The problem is now issue')} <Link to={`/issues/${handedOver.id}`}>{handedOver.number}</Link>
              </span>
            }
          />
        ) : null}
        <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} styles={{ label: { whiteSpace: 'nowrap' } }} data-testid="project-elements">
          <Descriptions.Item label={t('分包领导', 'Leader')}>{d.leaderName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('责任单位', 'Unit')}>{d.unitName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('完成时限', 'Time limit')}>{formatDay(d.plannedCompletion)}</Descriptions.Item>
          <Descriptions.Item label={t('专班', 'Team')}>{d.team.map((m) => m.name).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('开工', 'Start')}>{formatDay(d.startDate)}</Descriptions.Item>
          <Descriptions.Item label={t('业主企业', 'Owner')}>{d.enterpriseName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('总投资（万元）', 'Total (万元)')}>{formatWan(d.totalInvestment)}</Descriptions.Item>
          <Descriptions.Item label={t(`${d.planYear ?? ''}年计划（万元）`, `Planned ${d.planYear ?? ''} (万元)`)}>{formatWan(d.plannedInvestmentYear)}</Descriptions.Item>
          <Descriptions.Item label={t('累计完成（万元）', 'Completed (万元)')}>
            <span data-testid="investment-completed">{formatWan(d.investmentCompleted)}</span>
            <Progress percent={done} size="small" format={(v) => t(`占总投资 ${v}%`, `${v}% of total`)} />
            {yearDone !== null ? <Typography.Text type="secondary">{t(`年度计划的 ${yearDone}%`, `${yearDone}% of the year's plan`)}</Typography.Text> : null}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('节点计划', 'Milestones')}>
            <Table<ProjectMilestone>
              rowKey="id"
              size="small"
              dataSource={d.milestones}
              pagination={false}
              data-testid="project-milestones"
              locale={{ emptyText: t('尚未制定节点计划', 'no milestones planned yet') }}
              columns={[
                { title: '#', dataIndex: 'seq', width: 40 },
                { title: t('节点', 'Milestone'), dataIndex: 'name' },
                { title: t('计划完成', 'Due'), dataIndex: 'dueOn', width: 110, render: (v: string) => formatDay(v) },
                {
                  title: t('进度', 'Progress'),
                  dataIndex: 'percent',
                  width: 130,
                  render: (v: number, m) => <Progress percent={v} size="small" status={m.state === 'late' ? 'exception' : m.state === 'done' ? 'success' : 'normal'} />,
                },
                {
                  title: t('状态', 'State'),
                  dataIndex: 'state',
                  width: 160,
                  render: (s: string, m) => (
                    <span>
                      <Tag color={MILESTONE_STATES[s]?.[2] ?? 'default'}>{MILESTONE_STATES[s] ? t(MILESTONE_STATES[s][0], MILESTONE_STATES[s][1]) : s}</Tag>
                      {s !== 'done' && m.track !== 'on_time' ? <TrackTag track={m.track} /> : null}
                    </span>
                  ),
                },
                ...(rights.replan
                  ? [
                      {
                        title: '',
                        width: 60,
                        render: (_: unknown, m: ProjectMilestone) =>
                          m.state === 'done' ? null : (
                            <Button size="small" type="link" onClick={() => setReplanning(m)}>
                              {t('调整', 'Replan')}
                            </Button>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
          <Card size="small" title={t('问题即刻交办', 'Problems turned into issues')} style={{ marginTop: 16 }}>
            <Lines
              items={d.problems}
              empty={t('无', 'none')}
              render={(x) => (
                <span data-testid="project-problem">
                  <Link to={`/issues/${x.issueId}`}>{x.issueNumber}</Link> {x.issueTitle} <TrackTag track={x.issueTrack} />{' '}
                  <Typography.Text type="secondary">
                    <When at={x.reportedAt} />
                  </Typography.Text>
                </span>
              )}
            />
          </Card>
          <Card size="small" title={t('项目台账', 'Ledger')} style={{ marginTop: 16 }}>
            <ProblemAlert error={ledger.error} />
            <ProjectLedger events={ledger.data?.items ?? []} />
          </Card>
          {/* Issued when a milestone's or a report's clock reaches supervision; the unit head answers here too. */}
          <Card size="small" title={t('督办单', 'Supervision orders')} style={{ marginTop: 16 }} data-testid="project-orders">
            <OrdersTable openOnly={false} projectId={d.id} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('半月进度报告', 'Progress reports')}>
            <Lines<ProgressReport>
              items={d.reports}
              empty={t('暂无报告', 'no reports yet')}
              render={(r) => (
                <div data-testid="progress-report">
                  <Typography.Text strong>
                    {formatDay(r.periodStart)} — {formatDay(r.periodEnd)}
                  </Typography.Text>{' '}
                  {r.onTime ? <Tag color="green">{t('按时', 'on time')}</Tag> : <Tag color="red">{t('逾期', 'late')}</Tag>}
                  <div>{r.narrative}</div>
                  {r.milestones?.length ? (
                    <div>
                      <Typography.Text type="secondary">{r.milestones.map((m) => `${milestoneName(m.milestoneId)} ${m.percent}%`).join('；')}</Typography.Text>
                    </div>
                  ) : null}
                  {r.problems ? (
                    <Typography.Text type="danger">
                      {t('问题：', 'Problems: ')}
                      {r.problems}
                    </Typography.Text>
                  ) : null}
                  <div>
                    <Typography.Text type="secondary">
                      {r.filedByName} · <When at={r.filedAt} /> · {t('累计完成', 'invested')} {formatWan(r.investmentCompleted)} {t('万元', '万元')}
                    </Typography.Text>
                  </div>
                </div>
              )}
            />
          </Card>
        </Col>
      </Row>
      <PlanMilestones project={d} open={dialog === 'plan'} onClose={() => setDialog(null)} onDone={reload} />
      <ReplanMilestone project={d} milestone={replanning} onClose={() => setReplanning(null)} onDone={reload} />
      <ProgressReportForm
        project={d}
        open={dialog === 'report'}
        onClose={() => setDialog(null)}
        onDone={(f) => {
          if (f.issue) setHandedOver(f.issue);
          reload();
        }}
      />
      <ProblemForm
        project={d}
        open={dialog === 'problem'}
        onClose={() => setDialog(null)}
        onDone={(issue) => {
          setHandedOver(issue);
          reload();
        }}
      />
    </Space>
  );
}
