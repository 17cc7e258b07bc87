import { Button, Space, Typography } from 'antd';
import { useT } from '../i18n/locale.tsx';

/** "Load more" under a keyset-paginated work list: how many are shown, and the next page on a click. */
export function LoadMore({ count, hasMore, loading, more, testId = 'load-more' }: { count: number; hasMore: boolean; loading: boolean; more(): void; testId?: string }) {
  const t = useT();
  return (
    <Space className="no-print" style={{ marginTop: 12 }}>
      <Typography.Text type="secondary">{hasMore ? t(`已显示 ${count} 条，还有更多`, `${count} shown, more to come`) : t(`共 ${count} 条`, `${count} in all`)}</Typography.Text>
      {hasMore ? (
        <Button onClick={more} loading={loading} data-testid={testId}>
          {t('加载更多', 'Load more')}
        </Button>
      ) : null}
    </Space>
  );
}
