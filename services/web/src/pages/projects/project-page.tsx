import { Card, Col, Descriptions, Progress, Row, Spin, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { projects, type ProgressReport, type ProjectMilestone } from '../../api/projects.ts';
import { Lines } from '../../components/lines.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { TrackTag } from '../../components/track-tag.tsx';
import { useLoad } from '../../components/use-load.ts';
import { When, formatDay } from '../../components/when.tsx';
import { useT } from '../../i18n/locale.tsx';

const MILESTONE_STATES: Record<string, [string, string, string]> = { planned: ['未到期', 'planned', 'default'], dueSoon: ['临近', 'due soon', 'gold'], late: ['滞后', 'late', 'red'], done: ['已完成', 'done', 'green'] };

/** One key project: 五个一 (leader, unit, team, plan), milestones with their track, progress reports, problems turned issues. */
export default function ProjectPage() {
  const { id = '' } = useParams();
  const t = useT();
  const p = useLoad(() => projects.one(id), [id]);
  if (p.error) return <ProblemAlert error={p.error} />;
  const d = p.data;
  if (!d) return <Spin />;
  const done = d.totalInvestment > 0 ? Math.round((d.investmentCompleted / d.totalInvestment) * 100) : 0;
  return (
    <Card title={<span>{d.name} <Tag>{d.typeName}</Tag></span>}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('分包领导', 'Leader')}>{d.leaderName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('责任单位', 'Unit')}>{d.unitName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('专班', 'Team')}>{d.team.map((m) => m.name).join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('总投资（万元）', 'Total (万元)')}>{d.totalInvestment}</Descriptions.Item>
        <Descriptions.Item label={t('年度计划（万元）', 'Planned this year (万元)')}>{d.plannedInvestmentYear ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('已完成投资', 'Invested')}><Progress percent={done} size="small" /></Descriptions.Item>
        <Descriptions.Item label={t('开工', 'Start')}>{formatDay(d.startDate)}</Descriptions.Item>
        <Descriptions.Item label={t('计划竣工', 'Planned completion')}>{formatDay(d.plannedCompletion)}</Descriptions.Item>
        <Descriptions.Item label={t('企业', 'Enterprise')}>{d.enterpriseName ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('节点计划', 'Milestones')}>
            <Table<ProjectMilestone> rowKey="id" size="small" dataSource={d.milestones} pagination={false} data-testid="project-milestones" columns={[
              { title: '#', dataIndex: 'seq', width: 40 },
              { title: t('节点', 'Milestone'), dataIndex: 'name' },
              { title: t('计划', 'Due'), dataIndex: 'dueOn', width: 110, render: (v: string) => formatDay(v) },
              { title: t('进度', 'Progress'), dataIndex: 'percent', width: 120, render: (v: number) => <Progress percent={v} size="small" /> },
              { title: t('状态', 'State'), dataIndex: 'state', width: 150, render: (s: string, m) => <span><Tag color={MILESTONE_STATES[s]?.[2] ?? 'default'}>{MILESTONE_STATES[s] ? t(MILESTONE_STATES[s][0], MILESTONE_STATES[s][1]) : s}</Tag>{s !== 'done' && m.track !== 'on_time' ? <TrackTag track={m.track} /> : null}</span> },
            ]} />
          </Card>
          <Card size="small" title={t('问题即刻交办', 'Problems turned into issues')} style={{ marginTop: 16 }}>
            <Lines items={d.problems} empty={t('无', 'none')} render={(x) => (
              <span><Link to={`/issues/${x.issueId}`}>{x.issueNumber}</Link> {x.issueTitle} <TrackTag track={x.issueTrack} /> <Typography.Text type="secondary"><When at={x.reportedAt} /></Typography.Text></span>
            )} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('半月进度报告', 'Progress reports')}>
            <Lines<ProgressReport> items={d.reports} empty={t('暂无报告', 'no reports yet')} render={(r) => (
              <div>
                <Typography.Text strong>{formatDay(r.periodStart)} — {formatDay(r.periodEnd)}</Typography.Text> {r.onTime ? <Tag color="green">{t('按时', 'on time')}</Tag> : <Tag color="red">{t('逾期', 'late')}</Tag>}
                <div>{r.narrative}</div>
                {r.problems ? <Typography.Text type="danger">{r.problems}</Typography.Text> : null}
                <div><Typography.Text type="secondary">{r.filedByName} · <When at={r.filedAt} /> · {t('累计完成', 'invested')} {r.investmentCompleted} {t('万元', '万元')}</Typography.Text></div>
              </div>
            )} />
          </Card>
        </Col>
      </Row>
    </Card>
  );
}
