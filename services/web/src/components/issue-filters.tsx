import { Select, Space, Switch } from 'antd';
import { api } from '../api/endpoints.ts';
import type { Stage } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';
import { stageLabel } from '../i18n/labels.ts';
import { useLoad } from './use-load.ts';

export type IssueFilter = { stage?: Stage | undefined; open?: boolean | undefined; leaderId?: string | undefined; unitId?: string | undefined };

const STAGES: Stage[] = ['submitted', 'listed', 'awaitingClaim', 'returned', 'inProgress', 'answerReview', 'answerSignOff', 'resolved', 'reopened', 'closed', 'withdrawn', 'duplicate'];

/** The issue list's server-side filters: stage, open only, leader, unit. */
export function IssueFilters({ value, onChange, hide = [] }: { value: IssueFilter; onChange(v: IssueFilter): void; hide?: Array<keyof IssueFilter> }) {
  const { lang, t } = useLocale();
  const leaders = useLoad(() => (hide.includes('leaderId') ? Promise.resolve({ items: [] }) : api.leaders()), []);
  const units = useLoad(() => (hide.includes('unitId') ? Promise.resolve({ items: [] }) : api.units()), []);
  return (
    <Space wrap className="no-print" style={{ marginBottom: 12 }}>
      {hide.includes('stage') ? null : (
        <Select
          allowClear
          placeholder={t('状态', 'Stage')}
          aria-label={t('状态', 'Stage')}
          style={{ width: 150 }}
          value={value.stage}
          onChange={(stage) => onChange({ ...value, stage })}
          options={STAGES.map((s) => ({ value: s, label: stageLabel(s, lang) }))}
        />
      )}
      {hide.includes('leaderId') ? null : (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('分包领导', 'Leader')}
          aria-label={t('分包领导', 'Leader')}
          style={{ width: 150 }}
          value={value.leaderId}
          onChange={(leaderId) => onChange({ ...value, leaderId })}
          options={(leaders.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
          data-testid="filter-leader"
        />
      )}
      {hide.includes('unitId') ? null : (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('责任单位', 'Unit')}
          aria-label={t('责任单位', 'Unit')}
          style={{ width: 170 }}
          value={value.unitId}
          onChange={(unitId) => onChange({ ...value, unitId })}
          options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.shortName }))}
          data-testid="filter-unit"
        />
      )}
      {hide.includes('open') ? null : (
        <Space>
          <Switch aria-label={t('仅未办结', 'Open only')} checked={value.open ?? false} onChange={(open) => onChange({ ...value, open: open || undefined })} />
          {t('仅未办结', 'Open only')}
        </Space>
      )}
    </Space>
  );
}
