import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { onboarding, type DistrictImportReport } from '../../api/onboarding.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLocale } from '../../i18n/locale.tsx';

type Outcome = DistrictImportReport['sheets'][number];
type RowError = DistrictImportReport['errors'][number];

/**
 * 数据导入 (admin): a district's units, leaders, officials, enterprises, contacts and 分包 from the
 * template workbook. A check (dry run) lists every row's errors and writes nothing; the import
 * writes all or nothing, and running it again reports every row unchanged.
 */
export default function DistrictImportPage() {
  const { t } = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<DistrictImportReport | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'import');
    setError(null);
    try {
      setReport(await onboarding.importDistrict(file, dryRun));
    } catch (e) {
      setReport(null);
      setError(e as Error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('数据导入', 'District import')}>
        <Typography.Paragraph>
          {t(
            '按模板填写单位、领导、干部、企业、联系人和分包，上传 XLSX（或单张表的 CSV，文件名为表名，如 干部.csv）。先“检查”：列出每行的问题，不写入任何数据；无误后“导入”：全部写入或全部不写。按单位名称、领导姓名、登录名和统一社会信用代码对应，重复导入不会产生重复数据。',
            'Fill in the template (units, leaders, officials, enterprises, contacts, assignments) and upload the XLSX, or one sheet as CSV named after it. "Check" lists every row’s problems and writes nothing; "Import" writes all or nothing. Rows match by unit name, leader name, login and credit code, so importing again duplicates nothing.',
          )}
        </Typography.Paragraph>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={onboarding.templateUrl()} data-testid="import-template">
            {t('下载模板', 'Download template')}
          </Button>
          <Upload
            accept=".xlsx,.csv"
            maxCount={1}
            beforeUpload={(f) => (setFile(f), setReport(null), false)}
            onRemove={() => (setFile(null), setReport(null))}
            fileList={file ? [{ uid: 'district', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />} data-testid="import-choose">
              {t('选择文件', 'Choose file')}
            </Button>
          </Upload>
          <Button disabled={!file} loading={busy === 'check'} onClick={() => run(true)} data-testid="import-check">
            {t('检查', 'Check')}
          </Button>
          <Button type="primary" disabled={!file} loading={busy === 'import'} onClick={() => run(false)} data-testid="import-run">
            {t('导入', 'Import')}
          </Button>
        </Space>
      </Card>
      {error ? <ProblemAlert error={error} /> : null}
      {report ? <ImportReport report={report} /> : null}
    </Space>
  );
}

function ImportReport({ report }: { report: DistrictImportReport }) {
  const { t } = useLocale();
  const verdict =
    report.errors.length > 0
      ? { type: 'error' as const, text: t(`共 ${report.errors.length} 处问题，未写入任何数据`, `${report.errors.length} problems: nothing written`) }
      : report.applied
        ? { type: 'success' as const, text: t('已导入', 'Imported') }
        : { type: 'info' as const, text: t('检查通过，尚未写入：可以导入', 'No problems found, nothing written yet: ready to import') };
  return (
    <Card title={report.dryRun ? t('检查结果', 'Check') : t('导入结果', 'Import')} data-testid="import-report">
      <Alert type={verdict.type} title={verdict.text} showIcon style={{ marginBottom: 16 }} data-testid="import-verdict" />
      <Table<Outcome>
        rowKey="sheet"
        size="small"
        pagination={false}
        dataSource={report.sheets}
        data-testid="import-sheets"
        columns={[
          { title: t('表', 'Sheet'), dataIndex: 'title' },
          { title: report.applied ? t('新增', 'Created') : t('将新增', 'To create'), dataIndex: 'created' },
          { title: report.applied ? t('修改', 'Changed') : t('将修改', 'To change'), dataIndex: 'changed' },
          { title: t('不变', 'Unchanged'), dataIndex: 'unchanged' },
        ]}
      />
      {report.errors.length > 0 ? (
        <Table<RowError>
          style={{ marginTop: 16 }}
          rowKey={(e) => `${e.sheet}-${e.row}-${e.column}`}
          size="small"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={report.errors}
          data-testid="import-errors"
          columns={[
            { title: t('表', 'Sheet'), dataIndex: 'sheet', width: 80 },
            { title: t('行', 'Row'), dataIndex: 'row', width: 60 },
            { title: t('列', 'Column'), dataIndex: 'column', width: 140 },
            { title: t('问题', 'Problem'), dataIndex: 'message' },
          ]}
        />
      ) : null}
    </Card>
  );
}
