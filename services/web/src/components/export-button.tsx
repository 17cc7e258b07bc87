import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useT } from '../i18n/locale.tsx';

/** 导出 Excel: a download of the whole list behind the page (every row, not the page shown). */
export function ExportButton({ href, testId }: { href: string; testId: string }) {
  const t = useT();
  return (
    <Button className="no-print" icon={<DownloadOutlined />} href={href} download data-testid={testId}>
      {t('导出 Excel', 'Export XLSX')}
    </Button>
  );
}
