import { useState } from 'react';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api/endpoints.ts';
import type { CategoryPolicy, PolicyChange } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLoad } from '../../components/use-load.ts';
import { When } from '../../components/when.tsx';
import { limitLabel } from '../../i18n/labels.ts';
import { useLocale } from '../../i18n/locale.tsx';
import { CategoryDialog, LIMIT_FIELDS } from './category-dialog.tsx';

/** A changed rule's values as one line: `办理时限 5个工作日`, `maxExtensions 2`. */
function values(v: Record<string, unknown> | null, lang: 'zh' | 'en'): string {
  if (!v) return '—';
  const name = (k: string) => (k === 'maxExtensions' ? (lang === 'zh' ? '延期次数上限' : 'Extensions per issue') : (LIMIT_FIELDS.find(([key]) => key === k)?.[lang === 'zh' ? 1 : 2] ?? k));
  return Object.entries(v)
    .map(([k, x]) => `${name(k)} ${x && typeof x === 'object' && 'amount' in x ? limitLabel(x as { amount: number; unit: string }, lang) : JSON.stringify(x)}`)
    .join('；');
}

/**
 * 时限规则 (admin): every category's limits and bounds, changed in a dialog, and the record of
 * who changed which rule from what to what (policy_changes, append-only).
 */
export default function TimeRulesPage() {
  const { lang, t } = useLocale();
  const [editing, setEditing] = useState<CategoryPolicy | null>(null);
  const [refresh, setRefresh] = useState(0);
  const categories = useLoad(() => api.categoryPolicies(), [refresh]);
  const changes = useLoad(() => api.policyChanges({ limit: 50 }), [refresh]);
  const names = new Map((categories.data?.items ?? []).map((c) => [c.id, c.name]));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('时限规则', 'Time-limit rules')}>
        {categories.error ? <ProblemAlert error={categories.error} /> : null}
        <Table<CategoryPolicy>
          rowKey="id"
          size="small"
          loading={categories.loading}
          dataSource={categories.data?.items ?? []}
          pagination={false}
          scroll={{ x: true }}
          data-testid="time-rules"
          columns={[
            {
              title: t('类别', 'Category'),
              dataIndex: 'name',
              render: (n: string, c) =>
                c.greenChannel ? (
                  <Space>
                    {n}
                    <Tag color="green">{t('绿色通道', 'Green')}</Tag>
                  </Space>
                ) : (
                  n
                ),
            },
            ...LIMIT_FIELDS.map(([key, zh, en]) => ({ title: t(zh, en), key, render: (_: unknown, c: CategoryPolicy) => limitLabel(c[key], lang) })),
            { title: t('延期次数上限', 'Extensions'), dataIndex: 'maxExtensions' },
            {
              title: '',
              key: 'edit',
              render: (_: unknown, c: CategoryPolicy) => (
                <Button onClick={() => setEditing(c)} data-edit={c.code}>
                  {t('修改', 'Change')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('规则变更记录', 'Changes to the rules')}>
        {changes.error ? <ProblemAlert error={changes.error} /> : null}
        <Table<PolicyChange>
          rowKey="id"
          size="small"
          loading={changes.loading}
          dataSource={changes.data?.items ?? []}
          pagination={false}
          data-testid="policy-changes"
          columns={[
            { title: t('时间', 'When'), dataIndex: 'at', width: 150, render: (at: string) => <When at={at} /> },
            { title: t('修改人', 'By'), dataIndex: 'by', width: 120, render: (b: PolicyChange['by']) => b?.name ?? b?.login ?? t('系统', 'system') },
            {
              title: t('规则', 'Rule'),
              width: 160,
              render: (_: unknown, c: PolicyChange) => (c.subject === 'category' ? (names.get(c.subjectId) ?? c.subjectId) : `${t('日历', 'Calendar')} ${c.subjectId}`),
            },
            { title: t('原值', 'Before'), render: (_: unknown, c: PolicyChange) => <Typography.Text type="secondary">{values(c.before, lang)}</Typography.Text> },
            { title: t('新值', 'After'), render: (_: unknown, c: PolicyChange) => values(c.after, lang) },
          ]}
        />
      </Card>
      {editing ? <CategoryDialog category={editing} onClose={() => setEditing(null)} onDone={() => (setEditing(null), setRefresh((n) => n + 1))} /> : null}
    </Space>
  );
}
