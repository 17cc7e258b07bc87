import { Button, Card, Col, Row, Space, Spin, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { reports } from '../../api/reports.ts';
import type { AppealLine, RedCard } from '../../api/report-types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLoad } from '../../components/use-load.ts';
import { When, formatTime } from '../../components/when.tsx';
import { useT } from '../../i18n/locale.tsx';
import { Formulas } from './formulas.tsx';
import { ScoreTable } from './score-table.tsx';
import { ProjectSection } from './project-section.tsx';
import { Lines } from '../../components/lines.tsx';
import { LateOrders } from './late-orders.tsx';
import { RevisionTag } from './revision-tag.tsx';

/** One bulletin as frozen when generated: totals, 三率 per unit and leader, 红黑榜, red cards, appeals; XLSX and print. */
export default function BulletinView() {
  const { id = '' } = useParams();
  const t = useT();
  const bulletin = useLoad(() => reports.bulletin(id), [id]);
  if (bulletin.error) return <ProblemAlert error={bulletin.error} />;
  const b = bulletin.data;
  if (!b) return <Spin />;
  const c = b.content;
  const totals: Array<[string, number]> = [
    [t('受理', 'Filed'), c.totals.filed],
    [t('签收', 'Claimed'), c.totals.claimed],
    [t('答复', 'Resolved'), c.totals.resolved],
    [t('销号', 'Closed'), c.totals.closed],
    [t('超期', 'Overdue'), c.totals.overdue],
    [t('红牌', 'Red cards'), c.totals.redCards],
    [t('提级', 'Escalated'), c.totals.escalated],
  ];
  return (
    <Card
      title={
        <span data-testid="bulletin-title">
          {t('每半月汇总通报', 'Semi-monthly bulletin')} · {b.label} <RevisionTag revision={b.revision} />
        </span>
      }
      extra={
        <Space className="no-print">
          {/* Every section, not only the open tab: the API's print view of the bulletin. */}
          <Button icon={<PrinterOutlined />} href={reports.bulletinPrintUrl(b.id)} target="_blank" data-testid="bulletin-print">
            {t('打印', 'Print')}
          </Button>
          <Button type="primary" icon={<DownloadOutlined />} href={reports.bulletinXlsxUrl(b.id)} data-testid="bulletin-xlsx">
            {t('下载 Excel', 'Download XLSX')}
          </Button>
        </Space>
      }
    >
      <div className="print-title">
        {t('每半月汇总通报', 'Semi-monthly bulletin')} · {b.label}
      </div>
      <Typography.Paragraph type="secondary">
        {t('统计截至', 'As of')} {formatTime(c.asOf)} · {t('生成于', 'generated')} {formatTime(b.generatedAt)} · {b.kind === 'scheduled' ? t('定时生成', 'scheduled') : t('按需生成', 'on demand')} ·{' '}
        {t(`少于 ${c.minIssues} 件不排名`, `fewer than ${c.minIssues} issues: listed, not ranked`)}
      </Typography.Paragraph>
      <Row gutter={12} style={{ marginBottom: 16 }}>
        {totals.map(([label, value]) => (
          <Col key={label} xs={8} md={3}>
            <Statistic title={label} value={value} />
          </Col>
        ))}
      </Row>
      <Formulas formulas={c.formulas} version={c.formulaVersion} />
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} md={12}>
          <Card size="small" title={<Tag color="red">{t('红榜', 'Top five')}</Tag>}>
            <Lines
              items={c.redBlack.red}
              empty={t('本期无上榜单位', 'No unit this period')}
              render={(e) => (
                <div>
                  {e.rank}. {e.name} · {e.score.toFixed(1)}
                </div>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={<Tag color="black">{t('黑榜', 'Bottom five')}</Tag>}>
            <Lines
              items={c.redBlack.black}
              empty={t('本期无上榜单位', 'No unit this period')}
              render={(e) => (
                <div>
                  {e.rank}. {e.name} · {e.score.toFixed(1)}
                </div>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Tabs
        style={{ marginTop: 16 }}
        items={[
          { key: 'units', label: t('单位', 'Units'), children: <ScoreTable rows={c.units} testId="bulletin-units" /> },
          { key: 'leaders', label: t('分包领导', 'Leaders'), children: <ScoreTable rows={c.leaders} /> },
          { key: 'red', label: `${t('红牌清单', 'Red cards')}（${c.redCards.length}）`, children: <RedCards rows={c.redCards} /> },
          { key: 'appeals', label: `${t('申诉', 'Appeals')}（${c.appeals.length}）`, children: <AppealLines rows={c.appeals} /> },
          { key: 'orders', label: `${t('督办超期未复', 'Late 督办单 replies')}（${c.lateOrders?.length ?? 0}）`, children: <LateOrders rows={c.lateOrders ?? []} /> },
          ...(c.sections.projects ? [{ key: 'projects', label: t('重点项目', 'Key projects'), children: <ProjectSection data={c.sections.projects} /> }] : []),
        ]}
      />
    </Card>
  );
}

function RedCards({ rows }: { rows: RedCard[] }) {
  const t = useT();
  return (
    <Table<RedCard>
      rowKey={(r) => `${r.issueId}-${r.clock}`}
      size="small"
      dataSource={rows}
      pagination={false}
      columns={[
        { title: t('编号', 'Number'), dataIndex: 'number', render: (n: string, r) => <Link to={`/issues/${r.issueId}`}>{n}</Link> },
        { title: t('诉求', 'Title'), dataIndex: 'title' },
        { title: t('企业', 'Enterprise'), dataIndex: 'enterpriseName' },
        { title: t('单位', 'Unit'), dataIndex: 'unitName' },
        { title: t('领导', 'Leader'), dataIndex: 'leaderName' },
        { title: t('红牌时间', 'Red at'), dataIndex: 'redAt', render: (v: string | null) => <When at={v} /> },
        { title: t('提级', 'Escalated'), dataIndex: 'escalatedTo', render: (v: string | null) => (v === 'supervision' ? t('督办', 'supervision') : v === 'leader' ? t('分包领导', 'leader') : '—') },
      ]}
    />
  );
}

function AppealLines({ rows }: { rows: AppealLine[] }) {
  const t = useT();
  return (
    <Table<AppealLine>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={false}
      columns={[
        { title: t('编号', 'Number'), dataIndex: 'number', render: (n: string, r) => <Link to={`/issues/${r.issueId}`}>{n}</Link> },
        { title: t('单位', 'Unit'), dataIndex: 'unitName' },
        { title: t('理由', 'Reason'), dataIndex: 'text' },
        {
          title: t('结果', 'Decision'),
          dataIndex: 'status',
          render: (s: string, r) => (
            <span>
              <AppealStatusTag status={s} /> {r.decisionNote}
            </span>
          ),
        },
      ]}
    />
  );
}

/** Pending, accepted or rejected. */
export function AppealStatusTag({ status }: { status: string }) {
  const t = useT();
  if (status === 'accepted') return <Tag color="green">{t('已采纳', 'accepted')}</Tag>;
  if (status === 'rejected') return <Tag color="red">{t('未采纳', 'rejected')}</Tag>;
  return <Tag color="blue">{t('待裁定', 'pending')}</Tag>;
}
