import { Space, Tag, Typography } from 'antd';
import type { ListingItem } from '../../api/types.ts';
import { Countdown } from '../../components/countdown.tsx';
import { TrackTag } from '../../components/track-tag.tsx';
import { useT } from '../../i18n/locale.tsx';

/** How long an issue has waited since filing, in whole hours or days. */
function waited(filedAt: string, t: (zh: string, en: string) => string): string {
  const h = Math.max(0, Math.floor((Date.now() - Date.parse(filedAt)) / 3_600_000));
  if (h < 1) return t('不足1小时', 'under an hour');
  return h < 24 ? t(`${h}小时`, `${h} h`) : t(`${Math.floor(h / 24)}天${h % 24}小时`, `${Math.floor(h / 24)} d ${h % 24} h`);
}

/**
 * The queue's waiting column: time since filing, and the listing clock. Past its due time it says
 * 超期 whatever step the track has reached, so a late green-channel item never reads 正常.
 */
export function ListingWait({ item }: { item: ListingItem }) {
  const t = useT();
  const late = item.listingDueAt !== null && Date.parse(item.listingDueAt) < Date.now();
  return (
    <Space direction="vertical" size={0} data-testid={`wait-${item.number}`} data-late={late}>
      <Typography.Text>{t(`已等待 ${waited(item.filedAt, t)}`, `waited ${waited(item.filedAt, t)}`)}</Typography.Text>
      <Space size={4} wrap>
        {late ? item.track === 'on_time' ? <Tag color="red">{t('超期', 'Overdue')}</Tag> : <TrackTag track={item.track} /> : <TrackTag track={item.track} />}
        <Countdown dueAt={item.listingDueAt} />
      </Space>
    </Space>
  );
}
