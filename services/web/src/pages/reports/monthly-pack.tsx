import { useState } from 'react';
import { Button, DatePicker, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { reports } from '../../api/reports.ts';
import type { LaggingIssue } from '../../api/report-types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StageTag } from '../../components/stage-tag.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useT } from '../../i18n/locale.tsx';
import { ProjectSection } from './project-section.tsx';

const REASONS: Record<string, [string, string]> = {
  lateClaim: ['超时签收', 'claimed late'],
  unclaimed: ['逾期未签收', 'not claimed'],
  lateAnswer: ['超期办结', 'answered late'],
  unanswered: ['逾期未办结', 'not answered'],
  red: ['红牌', 'red card'],
  leader: ['提级至分包领导', 'escalated to leader'],
  supervision: ['提级督办', 'supervision'],
  stillOverdue: ['至今超期未办结', 'still overdue'],
};

/** 每月推进会: the month's lagging issues with their leaders and units, its XLSX and its print view for the meeting. */
export function MonthlyPackPanel() {
  const t = useT();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const pack = useLoad(() => reports.monthlyPack(month), [month]);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <DatePicker picker="month" value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} allowClear={false} />
        <Button icon={<DownloadOutlined />} href={reports.monthlyPackXlsxUrl(month)}>
          {t('下载 Excel', 'Download XLSX')}
        </Button>
        {/* Every section and every lagging issue, not the table's page of 20: the API's print view. */}
        <Button icon={<PrinterOutlined />} href={reports.monthlyPackPrintUrl(month)} target="_blank" data-testid="monthly-pack-print">
          {t('打印全部', 'Print all')}
        </Button>
      </Space>
      <ProblemAlert error={pack.error} />
      <Table<LaggingIssue>
        rowKey="id"
        size="small"
        loading={pack.loading}
        dataSource={pack.data?.lagging ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="monthly-pack-table"
        columns={[
          { title: t('编号', 'Number'), dataIndex: 'number', render: (n: string, r) => <Link to={`/issues/${r.id}`}>{n}</Link> },
          { title: t('诉求', 'Title'), dataIndex: 'title' },
          { title: t('分包领导', 'Leader'), dataIndex: 'leaderName' },
          { title: t('责任单位', 'Unit'), dataIndex: 'unitName' },
          { title: t('状态', 'Stage'), dataIndex: 'state', render: (s: string) => <StageTag stage={s} /> },
          {
            title: t('滞后原因', 'Why it lags'),
            dataIndex: 'reasons',
            render: (rs: string[]) =>
              rs.map((r) => (
                <Tag key={r} color="orange">
                  {REASONS[r] ? t(...REASONS[r]) : r}
                </Tag>
              )),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('重点项目', 'Key projects')}
      </Typography.Title>
      {pack.data ? <ProjectSection data={pack.data.sections.projects ?? null} /> : null}
    </>
  );
}
