import { Card, Col, Empty, Row, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ProjectSectionData } from '../../api/report-types.ts';
import { Lines } from '../../components/lines.tsx';
import { formatDay } from '../../components/when.tsx';
import { useT } from '../../i18n/locale.tsx';
import { formatWan } from '../projects/wan.ts';

type TypeRow = ProjectSectionData['investment']['byType'][number];

/** 重点项目 (`sections.projects` of a bulletin or the monthly pack): investment by type (万元), late milestones by leader and unit, progress reports missing or late, problems handed over. */
export function ProjectSection({ data }: { data: ProjectSectionData | null }) {
  const t = useT();
  if (!data) return <Empty description={t('本期无重点项目内容', 'No key-project section')} />;
  const { investment, lateMilestones, reports, problems } = data;
  return (
    <div data-testid="project-section">
      <Table<TypeRow>
        rowKey="type"
        size="small"
        pagination={false}
        dataSource={investment.byType}
        columns={[
          { title: t('类型', 'Type'), dataIndex: 'typeName' },
          { title: t('项目数', 'Projects'), dataIndex: 'count', align: 'right' },
          { title: t('总投资（万元）', 'Total (万元)'), dataIndex: 'totalInvestment', align: 'right', render: (v: number) => formatWan(v) },
          { title: t('年度计划（万元）', 'Planned this year (万元)'), dataIndex: 'plannedInvestmentYear', align: 'right', render: (v: number) => formatWan(v) },
          { title: t('累计完成（万元）', 'Completed (万元)'), dataIndex: 'investmentCompleted', align: 'right', render: (v: number) => formatWan(v) },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('合计', 'Total')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {investment.total.count}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {formatWan(investment.total.totalInvestment)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {formatWan(investment.total.plannedInvestmentYear)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {formatWan(investment.total.investmentCompleted)}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} md={12}>
          <Card size="small" title={`${t('滞后节点', 'Late milestones')}（${lateMilestones.total}）`}>
            <Lines
              items={lateMilestones.groups}
              empty={t('无', 'none')}
              render={(g) => (
                <div>
                  <Typography.Text strong>
                    {g.leaderName} · {g.unitName}
                  </Typography.Text>{' '}
                  <Tag color="red">{g.late}</Tag>
                  {g.milestones.map((m, i) => (
                    <div key={i} style={{ paddingLeft: 12 }}>
                      {m.projectName} · {m.name} · {t('计划', 'due')} {formatDay(m.dueOn)} · {m.percent}% · {t(`滞后 ${m.daysLate} 天`, `${m.daysLate} days late`)}
                    </div>
                  ))}
                </div>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card
            size="small"
            title={
              reports.periodEnd ? `${t('未报进度', 'Reports missing')} · ${t('截至', 'period ending')} ${formatDay(reports.periodEnd)}（${reports.missing.length}）` : t('未报进度', 'Reports missing')
            }
          >
            <Lines
              items={reports.missing}
              empty={t('无', 'none')}
              render={(m) => (
                <div>
                  <Link to={`/projects/${m.projectId}`}>{m.projectName}</Link> · {m.leaderName} · {m.unitName}
                </div>
              )}
            />
            {reports.filedLate.length ? (
              <>
                <Typography.Text type="secondary">{t('逾期报送', 'Filed late')}</Typography.Text>
                {reports.filedLate.map((r, i) => (
                  <div key={i}>
                    <Link to={`/projects/${r.projectId}`}>{r.projectName}</Link> · {r.unitName} · {formatDay(r.periodEnd)}
                  </div>
                ))}
              </>
            ) : null}
          </Card>
          <Card size="small" title={`${t('问题交办', 'Problems handed over')}（${problems.length}）`} style={{ marginTop: 16 }}>
            <Lines
              items={problems}
              empty={t('无', 'none')}
              render={(p) => (
                <div>
                  <Link to={`/issues/${p.issueId}`}>{p.number}</Link> {p.title} · {p.projectName} {p.closed ? <Tag color="green">{t('已销号', 'closed')}</Tag> : null}
                </div>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
