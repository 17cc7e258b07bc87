import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Row, Select, Space, Statistic, Table, Tabs, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { projects, type LateGroup, type MissingReports, type ProjectFilter, type ProjectState, type ProjectSummary } from '../../api/projects.ts';
import { EChart } from '../../components/echart.tsx';
import { Pager } from '../../components/pager.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useKeysetPages } from '../../components/use-keyset-pages.ts';
import { useLoad } from '../../components/use-load.ts';
import { formatDay } from '../../components/when.tsx';
import { useT } from '../../i18n/locale.tsx';
import { hasAnyRole, useSession } from '../../session.tsx';
import { RegisterProject } from './register-project.tsx';

const STATES: Record<ProjectState, [string, string, string]> = {
  planned: ['未开工', 'Planned', 'default'],
  underWay: ['在建', 'Under way', 'processing'],
  suspended: ['暂停', 'Suspended', 'orange'],
  completed: ['已竣工', 'Completed', 'green'],
};

/** 重点项目: by type with investment (万元), the list in keyset pages, late milestones by leader and unit, reports still owed. */
export default function ProjectList() {
  const t = useT();
  const { me } = useSession();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<ProjectFilter>({});
  const [registering, setRegistering] = useState(false);
  const types = useLoad(() => projects.types(), []);
  const people = useLoad(() => Promise.all([api.leaders(), api.units()]), []);
  const summary = useLoad(() => projects.summary(), []);
  const pages = useKeysetPages((cursor) => projects.list({ ...filter, limit: 30, cursor }), [JSON.stringify(filter)]);
  const rows = summary.data?.byType ?? [];
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('年度计划投资', 'Planned this year'), t('累计完成投资', 'Completed to date')] },
      grid: { left: 80, right: 20, top: 40, bottom: 48 },
      // Each type's count under its name: 工业\n17 个.
      xAxis: { type: 'category', data: rows.map((r) => `${r.typeName}\n${t(`${r.count} 个`, `${r.count}`)}`), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: t('万元', '10k yuan') },
      series: [
        { name: t('年度计划投资', 'Planned this year'), type: 'bar', barMaxWidth: 36, data: rows.map((r) => r.plannedInvestmentYear), itemStyle: { color: '#fa8c16' } },
        { name: t('累计完成投资', 'Completed to date'), type: 'bar', barMaxWidth: 36, data: rows.map((r) => r.investmentCompleted), itemStyle: { color: '#b71c1c' } },
      ],
    }),
    [rows, t],
  );
  const total = summary.data?.total;
  return (
    <Card
      title={t('重点项目', 'Key projects')}
      extra={
        hasAnyRole(me, 'dispatcher', 'admin') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="project-register">
            {t('登记项目', 'Register')}
          </Button>
        ) : null
      }
    >
      <RegisterProject open={registering} onClose={() => setRegistering(false)} onDone={(p) => navigate(`/projects/${p.id}`)} />
      <Tabs
        items={[
          {
            key: 'list',
            label: t('项目清单', 'Projects'),
            children: (
              <>
                <Row gutter={12} style={{ marginBottom: 12 }}>
                  <Col xs={12} md={6}>
                    <Statistic title={t('项目数', 'Projects')} value={total?.count ?? 0} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title={t('总投资（万元）', 'Total (万元)')} value={total?.totalInvestment ?? 0} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title={t('年度计划（万元）', 'Planned this year (万元)')} value={total?.plannedInvestmentYear ?? 0} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title={t('已完成（万元）', 'Completed (万元)')} value={total?.investmentCompleted ?? 0} />
                  </Col>
                </Row>
                <EChart option={option} height={260} testId="project-chart" />
                <Space wrap className="no-print" style={{ margin: '12px 0' }}>
                  <Select
                    allowClear
                    placeholder={t('类型', 'Type')}
                    aria-label={t('类型', 'Type')}
                    style={{ width: 140 }}
                    value={filter.type}
                    onChange={(type) => setFilter({ ...filter, type })}
                    options={(types.data?.items ?? []).map((x) => ({ value: x.code, label: t(x.name, x.nameEn) }))}
                  />
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('分包领导', 'Leader')}
                    aria-label={t('分包领导', 'Leader')}
                    style={{ width: 140 }}
                    value={filter.leaderId}
                    onChange={(leaderId) => setFilter({ ...filter, leaderId })}
                    options={(people.data?.[0].items ?? []).map((l) => ({ value: l.id, label: l.name }))}
                    data-testid="filter-leader"
                  />
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('责任单位', 'Unit')}
                    aria-label={t('责任单位', 'Unit')}
                    style={{ width: 160 }}
                    value={filter.unitId}
                    onChange={(unitId) => setFilter({ ...filter, unitId })}
                    options={(people.data?.[1].items ?? []).map((u) => ({ value: u.id, label: u.shortName }))}
                    data-testid="filter-unit"
                  />
                  <Select
                    allowClear
                    placeholder={t('状态', 'State')}
                    aria-label={t('状态', 'State')}
                    style={{ width: 120 }}
                    value={filter.state}
                    onChange={(state) => setFilter({ ...filter, state })}
                    options={(Object.keys(STATES) as ProjectState[]).map((s) => ({ value: s, label: t(STATES[s][0], STATES[s][1]) }))}
                  />
                  <Button icon={<DownloadOutlined />} href={projects.exportUrl(filter)}>
                    {t('导出 Excel', 'Export XLSX')}
                  </Button>
                </Space>
                <ProblemAlert error={pages.error ?? summary.error} />
                <Table<ProjectSummary>
                  rowKey="id"
                  size="small"
                  loading={pages.loading}
                  dataSource={pages.items}
                  pagination={false}
                  data-testid="project-table"
                  columns={[
                    { title: t('项目', 'Project'), dataIndex: 'name', render: (n: string, r) => <Link to={`/projects/${r.id}`}>{n}</Link> },
                    { title: t('类型', 'Type'), dataIndex: 'typeName', width: 90 },
                    {
                      title: t('状态', 'State'),
                      dataIndex: 'state',
                      width: 90,
                      render: (s: ProjectState) => <Tag color={STATES[s]?.[2] ?? 'default'}>{STATES[s] ? t(STATES[s][0], STATES[s][1]) : s}</Tag>,
                    },
                    { title: t('总投资（万元）', 'Total (万元)'), dataIndex: 'totalInvestment', width: 120, align: 'right' },
                    { title: t('已完成（万元）', 'Done (万元)'), dataIndex: 'investmentCompleted', width: 120, align: 'right' },
                    { title: t('分包领导', 'Leader'), dataIndex: 'leaderName', width: 100 },
                    { title: t('责任单位', 'Unit'), dataIndex: 'unitName', width: 110 },
                    {
                      title: t('节点', 'Milestones'),
                      width: 110,
                      render: (_: unknown, r) => (
                        <span>
                          {r.milestones}
                          {r.lateMilestones ? (
                            <Tag color="red" style={{ marginLeft: 6 }}>
                              {t(`滞后 ${r.lateMilestones}`, `${r.lateMilestones} late`)}
                            </Tag>
                          ) : null}
                        </span>
                      ),
                    },
                  ]}
                />
                <Pager {...pages} />
              </>
            ),
          },
          { key: 'late', label: t('滞后节点', 'Late milestones'), children: <LateMilestones /> },
          { key: 'missing', label: t('未报进度', 'Reports missing'), children: <MissingReportsList /> },
        ]}
      />
    </Card>
  );
}

function LateMilestones() {
  const t = useT();
  const late = useLoad(() => projects.lagging(), []);
  return (
    <>
      <ProblemAlert error={late.error} />
      <Table<LateGroup>
        rowKey={(g) => `${g.leaderName}-${g.unitName}`}
        data-testid="lagging-table"
        size="small"
        loading={late.loading}
        dataSource={late.data?.groups ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (g) =>
            g.milestones.map((m) => (
              <div key={m.milestoneId}>
                <Link to={`/projects/${m.projectId}`}>{m.projectName}</Link> · {m.name} · {t('计划', 'due')} {formatDay(m.dueOn)} · {m.percent}% ·{' '}
                <Tag color="red">{t(`滞后 ${m.daysLate} 天`, `${m.daysLate} days late`)}</Tag>
              </div>
            )),
        }}
        columns={[
          { title: t('分包领导', 'Leader'), dataIndex: 'leaderName' },
          { title: t('责任单位', 'Unit'), dataIndex: 'unitName' },
          { title: t('滞后节点', 'Late'), dataIndex: 'late' },
        ]}
      />
    </>
  );
}

/** Projects under way that have not filed the current period's progress report (each one is a late clock once due). */
function MissingReportsList() {
  const t = useT();
  const missing = useLoad(() => projects.missingReports(), []);
  const m: MissingReports | undefined = missing.data;
  return (
    <>
      <ProblemAlert error={missing.error} />
      {m ? (
        <Alert
          style={{ marginBottom: 12 }}
          type={m.overdue && m.missing > 0 ? 'error' : 'info'}
          showIcon
          title={t(
            `本期 ${formatDay(m.period.start)} — ${formatDay(m.period.end)}：${m.missing} 个项目未报进度${m.overdue ? '（已逾期）' : ''}`,
            `Period ${formatDay(m.period.start)} — ${formatDay(m.period.end)}: ${m.missing} projects have not reported${m.overdue ? ' (overdue)' : ''}`,
          )}
        />
      ) : null}
      <Table
        rowKey="id"
        size="small"
        loading={missing.loading}
        dataSource={m?.projects ?? []}
        pagination={false}
        data-testid="missing-reports"
        columns={[
          { title: t('项目', 'Project'), dataIndex: 'name', render: (n: string, r: { id: string }) => <Link to={`/projects/${r.id}`}>{n}</Link> },
          { title: t('分包领导', 'Leader'), dataIndex: 'leaderName', width: 120 },
          { title: t('责任单位', 'Unit'), dataIndex: 'unitName', width: 140 },
        ]}
      />
    </>
  );
}
