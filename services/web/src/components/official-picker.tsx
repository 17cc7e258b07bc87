import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { onboarding, type Official } from '../api/onboarding.ts';
import { useT } from '../i18n/locale.tsx';

const labelOf = (o: Official) => `${o.name}（${o.unitName ?? o.leaderName ?? o.login ?? ''}）`;

/**
 * Chooses officials by name from the officials list (active ones), searched on the server as
 * the user types; the value is their ids. Names of those chosen stay shown across searches.
 */
export function OfficialPicker({ value, onChange, id }: { value?: string[]; onChange?: (ids: string[]) => void; id?: string }) {
  const t = useT();
  const [options, setOptions] = useState<Official[]>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map<string, string>());
  const search = useRef(0);
  const load = (q: string) => {
    const mine = ++search.current;
    setLoading(true);
    onboarding
      .officials({ q, active: 'true', limit: 50 })
      .then((page) => {
        if (mine !== search.current) return;
        for (const o of page.items) known.current.set(o.id, labelOf(o));
        setOptions(page.items);
      })
      .catch(() => undefined)
      .finally(() => mine === search.current && setLoading(false));
  };
  useEffect(() => load(''), []);
  const shown = new Map(options.map((o) => [o.id, labelOf(o)]));
  for (const v of value ?? []) if (!shown.has(v)) shown.set(v, known.current.get(v) ?? v);
  return (
    <Select
      {...(id ? { id } : {})}
      {...(onChange ? { onChange } : {})}
      mode="multiple"
      value={value ?? []}
      showSearch={{ filterOption: false, onSearch: load }}
      loading={loading}
      placeholder={t('输入姓名或登录名搜索', 'Type a name or login')}
      options={[...shown].map(([v, label]) => ({ value: v, label }))}
    />
  );
}
