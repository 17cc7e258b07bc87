import { useState, type ReactNode } from 'react';
import { Button, Drawer, Menu, Segmented, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useLocale, type Lang } from '../i18n/locale.tsx';
import type { MenuEntry } from './menu.tsx';

type Props = { items: MenuEntry[]; selected: string | undefined; name: string; who: string; onSignOut(): void };

/**
 * The phone's header: a labelled menu button, the signed-in name (one line, cut with an ellipsis,
 * the whole name on hold or hover) and the bell. The menu opens as a drawer over the page, which
 * keeps its full width; the role, language and sign-out live in the drawer.
 */
export function PhoneHeader({ items, selected, name, who, onSignOut, bell }: Props & { bell: ReactNode }) {
  const { lang, setLang, t } = useLocale();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<MenuOutlined />} onClick={() => setOpen(true)} aria-label={t('打开菜单', 'Open the menu')} aria-expanded={open} data-testid="phone-menu">
        {t('菜单', 'Menu')}
      </Button>
      <Typography.Text data-testid="user-name" title={name} ellipsis={{ tooltip: name }} style={{ flex: 1, minWidth: 0, fontWeight: 500 }}>
        {name}
      </Typography.Text>
      {bell}
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="left"
        size="min(300px, 85vw)"
        title={<span style={{ color: '#b71c1c' }}>{t('回音 · 惠企服务', 'Huiyin')}</span>}
        styles={{ body: { padding: 0, display: 'flex', flexDirection: 'column' } }}
        data-testid="phone-drawer"
      >
        <div style={{ padding: '12px 24px', borderBottom: '1px solid #f0f0f0' }}>
          <Typography.Text strong style={{ display: 'block', overflowWrap: 'anywhere' }}>
            {name}
          </Typography.Text>
          <Typography.Text type="secondary">{who}</Typography.Text>
        </div>
        <Menu
          mode="inline"
          className="phone-menu"
          selectedKeys={selected ? [selected] : []}
          items={items.map((i) => ({ key: i.key, icon: i.icon, label: i.label }))}
          onClick={({ key }) => {
            setOpen(false);
            navigate(key);
          }}
          style={{ borderInlineEnd: 'none' }}
          data-testid="menu"
        />
        <div style={{ marginTop: 'auto', padding: 24, display: 'flex', gap: 12, alignItems: 'center', justifyContent: 'space-between' }}>
          <Segmented
            value={lang}
            onChange={(v) => setLang(v as Lang)}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'EN', value: 'en' },
            ]}
          />
          <Button icon={<LogoutOutlined />} onClick={onSignOut} data-testid="sign-out">
            {t('退出', 'Sign out')}
          </Button>
        </div>
      </Drawer>
    </>
  );
}
