import { useState } from 'react';
import { App, Form, InputNumber, Modal, Typography } from 'antd';
import { api } from '../../api/endpoints.ts';
import { onboarding } from '../../api/onboarding.ts';
import type { CategoryPolicy, TimeLimit } from '../../api/types.ts';
import { LimitInput } from '../../components/limit-input.tsx';
import { problemText } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/locale.tsx';
import { validValues } from '../../components/valid-values.ts';

/** The limits an admin sets on a category, in the order the issue meets them. */
export const LIMIT_FIELDS = [
  ['listingLimit', '列单派单时限', 'Listing'],
  ['claimLimit', '签收时限', 'Claim'],
  ['handlingLimit', '办理时限', 'Handling'],
  ['supplementLimit', '补齐材料时限', 'Supplement'],
  ['ratingLimit', '评价时限', 'Rating'],
  ['maxExtension', '单次延期上限', 'Longest extension'],
  ['maxPause', '暂停计时上限（累计）', 'Pause allowance (in all)'],
  ['assistMargin', '协办提前量', 'Assist margin'],
  ['milestonesRequiredFrom', '须列节点计划的办理时限', 'Milestone plan required from'],
] as const;
type LimitKey = (typeof LIMIT_FIELDS)[number][0];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Changes one category's time-limit rules (admin). Only what changed is sent; the engine applies
 * it to the running clocks and records who changed what (时限规则变更记录).
 */
export function CategoryDialog({ category, onClose, onDone }: { category: CategoryPolicy; onClose(): void; onDone(): void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Record<LimitKey, TimeLimit> & { maxExtensions: number }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await validValues(form);
    if (!values) return;
    const change: Record<string, unknown> = {};
    for (const [key] of LIMIT_FIELDS) if (!same(values[key], category[key])) change[key] = values[key];
    if (values.maxExtensions !== category.maxExtensions) change['maxExtensions'] = values.maxExtensions;
    if (Object.keys(change).length === 0) return onClose();
    setBusy(true);
    try {
      // How many open clocks the change moves, asked before anything is saved.
      const preview = await onboarding.previewCategory(category.id, change);
      const clocks = Object.values(preview.clocks).reduce((a, n) => a + (n ?? 0), 0);
      if (clocks + preview.tracksRescheduled > 0) {
        const go = await modal.confirm({
          title: t('确认修改时限规则', 'Change the rules?'),
          content: t(
            `将重算 ${preview.issues} 件在办诉求的 ${clocks} 个计时${preview.tracksRescheduled ? `，并调整 ${preview.tracksRescheduled} 个计时的提醒节点` : ''}。`,
            `${clocks} running clocks of ${preview.issues} open issues will be recomputed${preview.tracksRescheduled ? `, ${preview.tracksRescheduled} clocks' next steps moved` : ''}.`,
          ),
          okText: t('保存', 'Save'),
          okButtonProps: { id: 'category-preview-ok' },
        });
        if (!go) return;
      }
      const result = await api.changeCategory(category.id, change);
      const moved = result.recompute?.recomputed ?? 0;
      message.success(t(`已保存：${moved} 件在办诉求的时限已重算`, `Saved: ${moved} open issues' due times recomputed`));
      onDone();
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${t('时限规则', 'Time-limit rules')} · ${category.name}`}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t('保存', 'Save')}
      okButtonProps={{ id: 'category-ok' }}
      width={560}
    >
      <Typography.Paragraph type="secondary">
        {t('新时限即时作用于该类别的在办诉求；已记录的按时结果不变。', "New limits apply to the category's open issues at once; results already recorded stay.")}
      </Typography.Paragraph>
      <Form form={form} layout="horizontal" labelCol={{ span: 10 }} initialValues={category}>
        {LIMIT_FIELDS.map(([key, zh, en]) => (
          <Form.Item key={key} name={key} label={t(zh, en)}>
            <LimitInput units={['workingDays', 'workingHours', 'hours', 'minutes']} fallback={{ amount: 1, unit: 'workingDays' }} />
          </Form.Item>
        ))}
        <Form.Item name="maxExtensions" label={t('延期次数上限', 'Extensions per issue')}>
          <InputNumber min={0} max={10} id="field-maxExtensions" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
