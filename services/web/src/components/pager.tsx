import { Button, Space, Typography } from 'antd';
import { useT } from '../i18n/locale.tsx';

/** Previous / next for a keyset-paginated list (no total: the server never counts everything). */
export function Pager({ pageNumber, hasPrev, hasNext, prev, next }: { pageNumber: number; hasPrev: boolean; hasNext: boolean; prev(): void; next(): void }) {
  const t = useT();
  return (
    <Space className="no-print" style={{ marginTop: 12 }}>
      <Button onClick={prev} disabled={!hasPrev}>
        {t('上一页', 'Previous')}
      </Button>
      <Typography.Text>{t(`第 ${pageNumber} 页`, `Page ${pageNumber}`)}</Typography.Text>
      <Button onClick={next} disabled={!hasNext} data-testid="next-page">
        {t('下一页', 'Next')}
      </Button>
    </Space>
  );
}
