import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { publicApi, type PublicFigures } from '../../api/public.ts';
import { problemText } from '../../components/problem-alert.tsx';
import { useLocale } from '../../i18n/locale.tsx';
import { useCardTables } from '../../layout/card-tables.ts';
import { usePhone } from '../../layout/use-phone.ts';

type Unit = PublicFigures['units'][number];
type Category = PublicFigures['categories'][number];
type R = { num: number; den: number; rate: number | null };

const pct = (r: R) => (r.rate === null ? '—' : `${(Math.round(r.rate * 1000) / 10).toFixed(1)}%`);
const hrs = (h: number | null) => (h === null ? '—' : String(h));
/** Long values (hashes, keys) wrap instead of widening a phone's page. */
const WRAP = { wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontFamily: 'monospace', fontSize: 12, margin: 0 } as const;

/**
 * 政务公开: anyone, signed in or not, sees each unit's 三率 and counts and each category's counts
 * per half-month, and the latest signed ledger checkpoints. Outside the shell: it needs no session
 * and must never send a visitor to the sign-in page.
 */
export default function PublicFiguresPage() {
  const { t } = useLocale();
  // Outside the shell, so the tables' phone cards are labelled here.
  useCardTables(usePhone());
  const [figures, setFigures] = useState<PublicFigures | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [period, setPeriod] = useState<string | null>(null);
  useEffect(() => {
    publicApi
      .figures()
      .then((f) => {
        setFigures(f);
        setPeriod(f.periods.at(-1)?.id ?? null);
      })
      .catch((e: unknown) => setError(problemText(e)));
  }, []);
  const units = useMemo(() => figures?.units.filter((u) => u.periodId === period) ?? [], [figures, period]);
  const categories = useMemo(() => figures?.categories.filter((c) => c.periodId === period) ?? [], [figures, period]);
  const unitColumns: ColumnsType<Unit> = [
    { title: t('单位', 'Unit'), dataIndex: 'unitName' },
    { title: t('响应率', 'Response'), render: (_, u) => pct(u.response) },
    { title: t('解决率', 'Resolution'), render: (_, u) => pct(u.resolution) },
    { title: t('满意率', 'Satisfaction'), render: (_, u) => pct(u.satisfaction) },
    { title: t('受理', 'Filed'), dataIndex: 'filed' },
    { title: t('办结', 'Closed'), dataIndex: 'closed' },
    { title: t('超期', 'Overdue'), dataIndex: 'overdue' },
    { title: t('办理时长中位数（小时）', 'Median hours'), render: (_, u) => hrs(u.medianHandlingHours) },
  ];
  const categoryColumns: ColumnsType<Category> = [
    { title: t('类别', 'Category'), dataIndex: 'categoryName' },
    { title: t('受理', 'Filed'), dataIndex: 'filed' },
    { title: t('办结', 'Closed'), dataIndex: 'closed' },
    { title: t('办理时长中位数（小时）', 'Median hours'), render: (_, c) => hrs(c.medianHandlingHours) },
  ];
  return (
    <div style={{ maxWidth: 1100, margin: '0 auto', padding: 12 }}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('政务公开：惠企诉求办理情况', 'Public figures: enterprise requests handled')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('各单位每半月的响应率、解决率、满意率及受理、办结、超期件数；不含任何企业、个人或诉求内容。', 'Each unit’s rates and counts per half-month; no enterprise, person or request text.')}
          {figures ? ` ${t('统计时间', 'As of')} ${new Date(figures.asOf).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}` : ''}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} />}
        {figures && (
          <Space wrap>
            <Select
              aria-label={t('期间', 'Period')}
              style={{ minWidth: 260 }}
              value={period}
              onChange={setPeriod}
              options={[...figures.periods].reverse().map((p) => ({ value: p.id, label: p.label }))}
            />
            <Button href={publicApi.xlsxUrl}>{t('下载 Excel', 'Download Excel')}</Button>
          </Space>
        )}
        <Card title={t('各单位三率', 'By unit')} size="small">
          <Table<Unit> rowKey="unitId" size="small" loading={!figures && !error} columns={unitColumns} dataSource={units} pagination={false} scroll={{ x: 'max-content' }} />
        </Card>
        <Card title={t('按类别', 'By category')} size="small">
          <Table<Category> rowKey="categoryId" size="small" loading={!figures && !error} columns={categoryColumns} dataSource={categories} pagination={false} scroll={{ x: 'max-content' }} />
        </Card>
        {figures && (
          <Card title={t('台账签名检查点', 'Signed ledger checkpoints')} size="small">
            <Typography.Paragraph type="secondary">
              {t('办理记录的哈希链由区政府密钥签名，任何人可用下方公钥核验。', 'The hash chains of every record, signed by the district’s key; anyone may verify them with the key below.')}
            </Typography.Paragraph>
            {figures.checkpoints.length === 0 && <Typography.Text type="secondary">{t('暂无检查点', 'No checkpoints yet')}</Typography.Text>}
            {figures.checkpoints.map((c) => (
              <div key={c.id} data-testid="checkpoint" style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }}>
                <Typography.Text strong>
                  #{c.id} · {new Date(c.madeAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}
                </Typography.Text>
                <pre style={WRAP}>{`head ${c.head}\nkey ${c.keyId}\nsig ${c.signature}`}</pre>
              </div>
            ))}
            <Typography.Text strong>
              {t('公钥', 'Public key')} (Ed25519, {figures.publicKey.keyId})
            </Typography.Text>
            <pre style={WRAP}>{figures.publicKey.pem}</pre>
          </Card>
        )}
      </Space>
    </div>
  );
}
