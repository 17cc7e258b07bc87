import { useState } from 'react';
import { DatePicker, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, type IssueFilter } from '../api/endpoints.ts';
import type { Stage } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';
import { stageLabel } from '../i18n/labels.ts';
import { useLoad } from './use-load.ts';

export type { IssueFilter };

const STAGES: Stage[] = ['submitted', 'listed', 'awaitingClaim', 'returned', 'inProgress', 'answerReview', 'answerSignOff', 'resolved', 'reopened', 'closed', 'withdrawn', 'duplicate'];
const none = () => Promise.resolve({ items: [], nextCursor: null });

/** State, category, enterprise, leader, unit, filing dates and open only; `hide` drops those a page fixes itself. */
export function IssueFilters({ value, onChange, hide = [] }: { value: IssueFilter; onChange(v: IssueFilter): void; hide?: Array<keyof IssueFilter> }) {
  const { lang, t } = useLocale();
  const shows = (k: keyof IssueFilter) => !hide.includes(k);
  const leaders = useLoad(() => (shows('leaderId') ? api.leaders() : none()), []);
  const units = useLoad(() => (shows('unitId') ? api.units() : none()), []);
  const categories = useLoad(() => (shows('categoryId') ? api.categories() : none()), []);
  const [name, setName] = useState('');
  // Enterprises are many: the picker asks the server for the names containing what was typed.
  const enterprises = useLoad(() => (shows('enterpriseId') ? api.enterprises({ limit: 20, ...(name.trim() ? { name: name.trim() } : {}) }) : none()), [name]);
  // The chosen one stays among the options: a later search's answer may not hold it, and a value
  // without its option shows as a bare id.
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const found = (enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }));
  const enterpriseOptions = chosen && chosen.value === value.enterpriseId && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;
  const set = (patch: IssueFilter) => onChange({ ...value, ...patch });
  const range: [Dayjs, Dayjs] | null = value.filedFrom && value.filedTo ? [dayjs(value.filedFrom), dayjs(value.filedTo)] : null;
  return (
    <Space wrap className="no-print issue-filters" style={{ marginBottom: 12 }}>
      {shows('stage') ? (
        <Select
          allowClear
          placeholder={t('状态', 'Stage')}
          aria-label={t('状态', 'Stage')}
          style={{ width: 150 }}
          value={value.stage}
          onChange={(stage) => set({ stage })}
          options={STAGES.map((s) => ({ value: s, label: stageLabel(s, lang) }))}
          id="filter-stage"
          data-testid="filter-stage"
        />
      ) : null}
      {shows('categoryId') ? (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('诉求类别', 'Category')}
          aria-label={t('诉求类别', 'Category')}
          style={{ width: 150 }}
          value={value.categoryId}
          onChange={(categoryId) => set({ categoryId })}
          options={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          id="filter-category"
          data-testid="filter-category"
        />
      ) : null}
      {shows('enterpriseId') ? (
        <Select
          allowClear
          showSearch={{ filterOption: false, onSearch: setName }}
          placeholder={t('企业', 'Enterprise')}
          aria-label={t('企业', 'Enterprise')}
          style={{ width: 200 }}
          value={value.enterpriseId}
          onChange={(enterpriseId, option) => {
            setChosen(option && !Array.isArray(option) ? option : null);
            set({ enterpriseId });
          }}
          onClear={() => setName('')}
          options={enterpriseOptions}
          id="filter-enterprise"
          data-testid="filter-enterprise"
        />
      ) : null}
      {shows('leaderId') ? (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('分包领导', 'Leader')}
          aria-label={t('分包领导', 'Leader')}
          style={{ width: 150 }}
          value={value.leaderId}
          onChange={(leaderId) => set({ leaderId })}
          options={(leaders.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
          id="filter-leader"
          data-testid="filter-leader"
        />
      ) : null}
      {shows('unitId') ? (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('责任单位', 'Unit')}
          aria-label={t('责任单位', 'Unit')}
          style={{ width: 170 }}
          value={value.unitId}
          onChange={(unitId) => set({ unitId })}
          options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.shortName }))}
          id="filter-unit"
          data-testid="filter-unit"
        />
      ) : null}
      {shows('filedFrom') ? (
        <DatePicker.RangePicker
          aria-label={t('提交日期', 'Filed between')}
          placeholder={[t('提交起', 'Filed from'), t('提交止', 'Filed to')]}
          style={{ width: 250, maxWidth: '100%' }}
          value={range}
          onChange={(r) => set({ filedFrom: r?.[0]?.format('YYYY-MM-DD'), filedTo: r?.[1]?.format('YYYY-MM-DD') })}
          data-testid="filter-dates"
        />
      ) : null}
      {shows('open') ? (
        <Space>
          <Switch aria-label={t('仅未办结', 'Open only')} checked={value.open ?? false} onChange={(open) => set({ open: open || undefined })} />
          {t('仅未办结', 'Open only')}
        </Space>
      ) : null}
    </Space>
  );
}
