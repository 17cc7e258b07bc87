import { useEffect, useState } from 'react';
import { Badge, Button, Drawer, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { api } from '../api/endpoints.ts';
import { Lines } from '../components/lines.tsx';
import { Pager } from '../components/pager.tsx';
import { useKeysetPages } from '../components/use-keyset-pages.ts';
import { formatTime } from '../components/when.tsx';
import { useT } from '../i18n/locale.tsx';

const POLL_MS = 60_000;

/** The unread count in the header; the drawer lists notifications newest first, one server page at a time. */
export function NoticeBell() {
  const t = useT();
  const navigate = useNavigate();
  const [count, setCount] = useState(0);
  const [open, setOpen] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const load = () =>
      void api.unreadCount().then(
        (r) => setCount(r.count),
        () => undefined,
      );
    load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [tick]);
  const pages = useKeysetPages((cursor) => (open ? api.notifications({ limit: 20, cursor }) : Promise.resolve({ items: [], nextCursor: null })), [open, tick]);
  const follow = async (id: string, link: string | null) => {
    await api.markRead(id).catch(() => undefined);
    setTick((n) => n + 1);
    if (link) {
      setOpen(false);
      navigate(link);
    }
  };
  return (
    <>
      {/* The count sits over the bell's corner, inside it: at a phone's right edge it would reach past the screen. */}
      <Badge count={count} size="small" offset={[-8, 8]}>
        <Button type="text" icon={<BellOutlined />} onClick={() => setOpen(true)} data-testid="notice-bell" aria-label={t('通知', 'Notifications')} />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('通知', 'Notifications')}
        // Never wider than a phone's screen.
        size="min(420px, 100vw)"
        extra={
          <Button size="small" onClick={() => void api.markAllRead().then(() => setTick((n) => n + 1))}>
            {t('全部已读', 'Mark all read')}
          </Button>
        }
      >
        <Lines
          items={pages.items}
          empty={t('暂无通知', 'No notifications')}
          render={(n) => (
            <a
              href={n.link ?? undefined}
              onClick={(e) => {
                e.preventDefault();
                void follow(n.id, n.link);
              }}
              style={{ display: 'block', color: 'inherit' }}
            >
              <Typography.Text strong={!n.readAt}>{n.subject}</Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(n.createdAt)}
              </Typography.Text>
            </a>
          )}
        />
        <Pager {...pages} />
      </Drawer>
    </>
  );
}
