import { Button, Select, Space, Typography } from 'antd';
import { useT } from '../i18n/locale.tsx';

/** The page sizes a list offers. */
const PAGE_SIZES = [10, 30, 50, 100] as const;

/** Previous / next for a keyset-paginated list (no total: the server never counts everything), and the page size if the list lets it be chosen. */
export function Pager({
  pageNumber,
  hasPrev,
  hasNext,
  prev,
  next,
  pageSize,
  onPageSize,
}: {
  pageNumber: number;
  hasPrev: boolean;
  hasNext: boolean;
  prev(): void;
  next(): void;
  pageSize?: number;
  onPageSize?(n: number): void;
}) {
  const t = useT();
  return (
    <Space wrap className="no-print" style={{ marginTop: 12 }}>
      <Button onClick={prev} disabled={!hasPrev}>
        {t('上一页', 'Previous')}
      </Button>
      <Typography.Text>{t(`第 ${pageNumber} 页`, `Page ${pageNumber}`)}</Typography.Text>
      <Button onClick={next} disabled={!hasNext} data-testid="next-page">
        {t('下一页', 'Next')}
      </Button>
      {onPageSize ? <PageSize value={pageSize ?? PAGE_SIZES[1]} onChange={onPageSize} /> : null}
    </Space>
  );
}

/** The choice of how many rows a page (or a "load more") brings. */
export function PageSize({ value, onChange }: { value: number; onChange(n: number): void }) {
  const t = useT();
  return (
    <Select
      aria-label={t('每页条数', 'Rows per page')}
      value={value}
      onChange={onChange}
      style={{ width: 110 }}
      options={PAGE_SIZES.map((n) => ({ value: n, label: t(`${n} 条/页`, `${n} / page`) }))}
      data-testid="page-size"
    />
  );
}
