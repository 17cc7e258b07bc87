import { useEffect, useState } from 'react';
import { Typography } from 'antd';
import { useT } from '../i18n/locale.tsx';

/** Now, re-rendered every second while mounted. */
function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function span(ms: number, t: (zh: string, en: string) => string): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return t(`${d}天${h}时${m}分`, `${d}d ${h}h ${m}m`);
  if (h > 0) return t(`${h}时${m}分${sec}秒`, `${h}h ${m}m ${sec}s`);
  return t(`${m}分${sec}秒`, `${m}m ${sec}s`);
}

/**
 * A live countdown to a due time (wall-clock time; working-time calendars are the server's job,
 * the due instant it gives already accounts for them). Past due it counts the overdue time, in red.
 */
export function Countdown({ dueAt }: { dueAt: string | null }) {
  const t = useT();
  const now = useNow();
  if (!dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = new Date(dueAt).getTime() - now;
  if (left < 0)
    return (
      <Typography.Text type="danger" data-overdue="true">
        {t('超期 ', 'overdue ')}
        {span(left, t)}
      </Typography.Text>
    );
  const text = `${t('剩余 ', '')}${span(left, t)}${t('', ' left')}`;
  return left < 3600_000 ? <Typography.Text type="warning">{text}</Typography.Text> : <Typography.Text>{text}</Typography.Text>;
}
