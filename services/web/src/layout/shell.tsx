import { Suspense } from 'react';
import { Button, Layout, Menu, Segmented, Space, Spin, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { Navigate, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { useLocale, type Lang } from '../i18n/locale.tsx';
import { roleLabel } from '../i18n/labels.ts';
import { useSession } from '../session.tsx';
import { menuOf } from './menu.tsx';
import { NoticeBell } from './notice-bell.tsx';
import { CalendarBanner } from './calendar-banner.tsx';
import { useCardTables } from './card-tables.ts';
import { PhoneHeader } from './phone-nav.tsx';
import { usePhone } from './use-phone.ts';
import { HeaderSearch, PhoneSearch } from './header-search.tsx';

/**
 * The frame of every signed-in page: the role's menu, who is signed in, language, sign out. On a
 * phone the menu is a drawer behind a labelled button (app.tsx makes every control touch-sized).
 */
export function Shell() {
  const { me, loading, signOut } = useSession();
  const { lang, setLang, t } = useLocale();
  const navigate = useNavigate();
  const location = useLocation();
  const phone = usePhone();
  useCardTables(phone);
  if (loading) return <Spin fullscreen />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const items = menuOf(me, t);
  const selected = items
    .map((i) => i.key)
    .filter((k) => location.pathname.startsWith(k))
    .sort((a, b) => b.length - a.length)[0];
  // Each page opens with a heading (read first by a screen reader, used to jump between pages'
  // parts); the cards below show the same name, so it is for assistive technology only.
  const detail = /^\/(issues|projects|bulletins)\/[^/]+/.exec(location.pathname)?.[1];
  const DETAILS: Record<string, string> = { issues: t('诉求详情', 'Issue'), projects: t('项目详情', 'Key project'), bulletins: t('通报', 'Bulletin') };
  const heading = (detail ? DETAILS[detail] : undefined) ?? items.find((i) => i.key === selected)?.label ?? t('回音 · 惠企服务', 'Huiyin');
  const who = me.kind === 'enterprise' ? t('企业', 'Enterprise') : me.roles.map((r) => roleLabel(r, lang)).join(' / ');
  const leave = () => void signOut().then(() => navigate('/login'));
  // One tree for both sizes (the page below is not remounted when the breakpoint is crossed).
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? null : (
        <Layout.Sider width={208} className="no-print" theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <div style={{ padding: '18px 20px', fontSize: 18, fontWeight: 600, color: '#b71c1c' }}>{t('回音 · 惠企服务', 'Huiyin')}</div>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={items.map((i) => ({ key: i.key, icon: i.icon, label: i.label }))}
            onClick={({ key }) => navigate(key)}
            data-testid="menu"
          />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          className="no-print"
          style={
            phone
              ? { background: '#fff', padding: '0 12px', display: 'flex', gap: 8, alignItems: 'center', borderBottom: '1px solid #f0f0f0', position: 'sticky', top: 0, zIndex: 10 }
              : { background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', borderBottom: '1px solid #f0f0f0' }
          }
        >
          {phone ? (
            <PhoneHeader
              items={items}
              selected={selected}
              name={me.name}
              who={who}
              onSignOut={leave}
              bell={
                <>
                  <PhoneSearch />
                  <NoticeBell />
                </>
              }
            />
          ) : (
            <Space size="middle">
              <HeaderSearch />
              <NoticeBell />
              <Typography.Text data-testid="user-name">{me.name}</Typography.Text>
              <Typography.Text type="secondary">{who}</Typography.Text>
              <Segmented
                size="small"
                value={lang}
                onChange={(v) => setLang(v as Lang)}
                options={[
                  { label: '中文', value: 'zh' },
                  { label: 'EN', value: 'en' },
                ]}
              />
              <Button icon={<LogoutOutlined />} onClick={leave} data-testid="sign-out">
                {t('退出', 'Sign out')}
              </Button>
            </Space>
          )}
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 12 : 24 }}>
          <h1 className="sr-only" data-testid="page-heading">
            {heading}
          </h1>
          {me.kind === 'official' && me.roles.includes('admin') ? <CalendarBanner /> : null}
          <Suspense fallback={<Spin />}>
            <Outlet />
          </Suspense>
          {/* A page opened from far down a list starts at its top (its title), not at the list's scroll position; back returns to where the list was. */}
          <ScrollRestoration />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
