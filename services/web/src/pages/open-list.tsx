import { useState } from 'react';
import { Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { OpenItem } from '../api/types.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { StageTag } from '../components/stage-tag.tsx';
import { TrackTag } from '../components/track-tag.tsx';
import { useLoad } from '../components/use-load.ts';
import { When, formatTime } from '../components/when.tsx';
import { useT } from '../i18n/locale.tsx';

const PAGE = 50;

/**
 * 未办结事项清单: every open issue grouped by leader or by unit, with each group's counts, 50 a page;
 * printed whole from the API's print view (every row, page headers and numbers) and exported as XLSX.
 */
export default function OpenListPage() {
  const t = useT();
  const [by, setBy] = useState<'leader' | 'unit'>('leader');
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => api.openList({ groupBy: by, limit: PAGE, offset }), [by, offset]);
  const missing = list.error instanceof ApiError && list.error.status === 404;
  const data = list.data;
  return (
    <Card
      title={t('未办结事项清单', 'Open list')}
      extra={
        <Space className="no-print">
          <Segmented
            value={by}
            onChange={(v) => (setBy(v as 'leader' | 'unit'), setOffset(0))}
            options={[
              { label: t('按分包领导', 'By leader'), value: 'leader' },
              { label: t('按责任单位', 'By unit'), value: 'unit' },
            ]}
          />
          {/* The whole list, every group and issue, rendered by the API for the printer: not this page's 50 rows. */}
          <Button icon={<PrinterOutlined />} href={`/api/v1/reports/open-list/print?groupBy=${by}`} target="_blank" disabled={missing} data-testid="open-list-print">
            {t('打印全部', 'Print all')}
          </Button>
          <Button icon={<DownloadOutlined />} href="/api/v1/reports/open-list.xlsx" disabled={missing} data-testid="export-xlsx">
            {t('导出 Excel', 'Export XLSX')}
          </Button>
        </Space>
      }
    >
      <div className="print-title">
        {t('未办结事项清单', 'Open list')} · {formatTime(data?.asOf ?? new Date().toISOString())}
      </div>
      {missing ? (
        <Typography.Paragraph type="secondary">
          {t('清单报表接口尚未提供（/api/v1/reports/open-list）。', 'The open-list report endpoint (/api/v1/reports/open-list) is not there yet.')}
        </Typography.Paragraph>
      ) : (
        <ProblemAlert error={list.error} />
      )}
      {data ? (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            {data.groups.map((g) => (
              <Tag key={g.id ?? g.name} color={Number(g.red) > 0 ? 'red' : Number(g.yellow) > 0 ? 'gold' : 'default'}>
                {g.name}：{t('未办结', 'open')} {g.open} · {t('超期', 'overdue')} {g.overdue} · {t('红', 'red')} {g.red} · {t('黄', 'yellow')} {g.yellow}
              </Tag>
            ))}
          </Space>
          <Table<OpenItem>
            rowKey="id"
            size="small"
            dataSource={data.items}
            pagination={false}
            data-testid="open-list-table"
            columns={[
              {
                title: by === 'leader' ? t('分包领导', 'Leader') : t('责任单位', 'Unit'),
                dataIndex: 'groupName',
                width: 100,
                onCell: (r, i) => ({
                  rowSpan:
                    i !== undefined && i > 0 && data.items[i - 1]?.groupName === r.groupName
                      ? 0
                      : data.items.slice(i ?? 0).findIndex((x) => x.groupName !== r.groupName) === -1
                        ? data.items.length - (i ?? 0)
                        : data.items.slice(i ?? 0).findIndex((x) => x.groupName !== r.groupName),
                }),
              },
              { title: t('编号', 'Number'), dataIndex: 'number', width: 120, render: (n: string, r) => <Link to={`/issues/${r.id}`}>{n}</Link> },
              {
                title: t('诉求 / 进展', 'Title / status'),
                dataIndex: 'title',
                render: (v: string, r) => (
                  <span>
                    {v}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.statusNote}
                    </Typography.Text>
                  </span>
                ),
              },
              { title: t('企业', 'Enterprise'), dataIndex: 'enterpriseName', width: 170 },
              { title: by === 'leader' ? t('责任单位', 'Unit') : t('分包领导', 'Leader'), width: 110, render: (_: unknown, r) => (by === 'leader' ? r.unitName : r.leaderName) ?? '—' },
              { title: t('状态', 'Stage'), dataIndex: 'state', width: 110, render: (s: string) => <StageTag stage={s} /> },
              {
                title: t('时限', 'Track'),
                dataIndex: 'track',
                width: 130,
                render: (tr: string, r) => (
                  <span>
                    <TrackTag track={tr} />
                    {r.overdue ? <Tag color="red">{t('超期', 'overdue')}</Tag> : null}
                  </span>
                ),
              },
              { title: t('期限', 'Due'), width: 140, render: (_: unknown, r) => <When at={r.handlingDueAt ?? r.claimDueAt} /> },
            ]}
          />
          <Space className="no-print" style={{ marginTop: 12 }}>
            <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('上一页', 'Previous')}
            </Button>
            <Typography.Text>{t(`${offset + 1}–${offset + data.items.length}，共 ${data.total} 件`, `${offset + 1}–${offset + data.items.length} of ${data.total}`)}</Typography.Text>
            <Button disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
              {t('下一页', 'Next')}
            </Button>
          </Space>
        </>
      ) : null}
    </Card>
  );
}
