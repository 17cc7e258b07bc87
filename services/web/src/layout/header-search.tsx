import { useEffect, useRef, useState } from 'react';
import { AutoComplete, Button, Drawer, Input, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useLocale } from '../i18n/locale.tsx';
import { searchIssues, type IssueHit, type IssueSearchResult } from '../api/search.ts';

/** Waits this long after the last key before asking: one request a pause, not one a keystroke. */
const TYPING_PAUSE_MS = 250;

function HitLabel({ hit }: { hit: IssueHit }) {
  return (
    <div data-testid="search-hit" style={{ whiteSpace: 'normal', lineHeight: 1.4, padding: '2px 0' }}>
      <Typography.Text strong>{hit.number}</Typography.Text> <Typography.Text>{hit.title}</Typography.Text>
      <br />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {hit.enterpriseName} · {hit.categoryName} · {hit.filedAt.slice(0, 10)}
      </Typography.Text>
    </div>
  );
}

/**
 * 搜索: a 工单号 (2026-000123, or just 123) opens the issue on Enter; words list the issues whose
 * title or description holds them, newest first, to pick from. Only what the signed-in user may see.
 */
function SearchBox({ autoFocus, onDone }: { autoFocus?: boolean; onDone?: () => void }) {
  const { t } = useLocale();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [found, setFound] = useState<{ q: string; result: IssueSearchResult } | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef('');
  const ask = async (q: string) => {
    latest.current = q;
    setLoading(true);
    try {
      const result = await searchIssues(q, 10);
      if (latest.current === q) setFound({ q, result });
      return result;
    } finally {
      if (latest.current === q) setLoading(false);
    }
  };
  useEffect(() => {
    const q = text.trim();
    if (!q) {
      latest.current = '';
      setFound(null);
      return;
    }
    const timer = setTimeout(() => void ask(q).catch(() => undefined), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const open = (id: string) => {
    setText('');
    setFound(null);
    onDone?.();
    navigate(`/issues/${id}`);
  };
  const submit = async (value: string) => {
    const q = value.trim();
    if (!q) return;
    const result = found?.q === q ? found.result : await ask(q).catch(() => null);
    if (!result) return;
    // A number opens its issue at once; one hit too.
    const only = result.items.length === 1 ? result.items[0] : undefined;
    const target = result.exact ?? only;
    if (target) open(target.id);
  };
  const result = found?.result;
  const hits = result ? [...(result.exact ? [result.exact] : []), ...result.items.filter((i) => i.id !== result.exact?.id)] : [];
  const options = hits.map((hit) => ({ value: hit.id, label: <HitLabel hit={hit} /> }));
  const empty = found && !loading && !hits.length ? <Typography.Text type="secondary">{t('没有找到诉求', 'No issue found')}</Typography.Text> : null;
  return (
    <AutoComplete
      value={text}
      options={options}
      onChange={(v: string) => setText(v)}
      onSelect={(id: string) => open(id)}
      notFoundContent={empty}
      popupMatchSelectWidth
      style={{ width: '100%' }}
      data-testid="header-search"
    >
      <Input.Search
        placeholder={t('工单号或关键词', 'Issue number or words')}
        aria-label={t('搜索诉求：工单号或关键词', 'Search issues: number or words')}
        allowClear
        autoFocus={autoFocus}
        loading={loading}
        maxLength={100}
        onSearch={(v) => void submit(v)}
        data-testid="header-search-input"
      />
    </AutoComplete>
  );
}

/** In the desktop header: the box itself. */
export function HeaderSearch() {
  return (
    // The header's 64 px line height would stretch the field: the box keeps its own.
    <div style={{ width: 320, lineHeight: 'normal', display: 'flex', alignItems: 'center' }}>
      <SearchBox />
    </div>
  );
}

/** In the phone header: a search button that opens the box across the top of the screen. */
export function PhoneSearch() {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<SearchOutlined />} onClick={() => setOpen(true)} aria-label={t('搜索诉求', 'Search issues')} data-testid="header-search-open" />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="top"
        size={140}
        title={t('搜索诉求', 'Search issues')}
        styles={{ body: { padding: 12 } }}
        destroyOnHidden
        data-testid="search-drawer"
      >
        <SearchBox autoFocus onDone={() => setOpen(false)} />
      </Drawer>
    </>
  );
}
