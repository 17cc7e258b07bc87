import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { api } from '../../api/endpoints.ts';
import type { TimeLimit } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLocale } from '../../i18n/locale.tsx';
import { limitLabel } from '../../i18n/labels.ts';

const UNITS: TimeLimit['unit'][] = ['workingDays', 'workingHours', 'hours', 'minutes'];

/**
 * Supervision issues a 督办单 by hand on an overdue or escalated issue: what the lead unit must
 * answer in writing, and within what time. The API refuses a closed issue, one on time, or one
 * whose earlier order is still unanswered; the refusal is shown in the dialog.
 */
export function IssueOrderModal({ issue, onClose, onDone }: { issue: { id: string; number: string; title: string }; onClose(): void; onDone(): void }) {
  const { lang, t } = useLocale();
  const { message } = App.useApp();
  const [requiredReply, setRequiredReply] = useState('书面报告办理进展、超期原因和整改措施');
  const [amount, setAmount] = useState<number | null>(3);
  const [unit, setUnit] = useState<TimeLimit['unit']>('workingDays');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const send = async () => {
    setBusy(true);
    try {
      const order = await api.issueOrder(issue.id, { requiredReply, dueIn: { amount: amount ?? 0, unit } });
      message.success(t(`督办单已下发，回复期限 ${new Date(order.dueAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`, 'Supervision order issued'));
      onDone();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${t('下发督办单', 'Issue a supervision order')} · ${issue.number}`}
      onCancel={onClose}
      // Typed text is not lost to a stray click beside the dialog.
      mask={{ closable: false }}
      onOk={() => void send()}
      okText={t('下发', 'Issue')}
      okButtonProps={{ disabled: !requiredReply.trim() || !amount, loading: busy, id: 'order-ok' }}
    >
      <Typography.Paragraph type="secondary">{issue.title}</Typography.Paragraph>
      <ProblemAlert error={error} />
      <Form layout="vertical">
        <Form.Item label={t('书面回复要求', 'What the unit must answer in writing')} required>
          <Input.TextArea id="order-required" rows={3} maxLength={2000} value={requiredReply} onChange={(e) => setRequiredReply(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('回复时限', 'Reply within')} required>
          <Space>
            <InputNumber id="order-amount" min={1} max={10000} value={amount} onChange={(v) => setAmount(v)} />
            <Select<TimeLimit['unit']>
              id="order-unit"
              style={{ width: 140 }}
              value={unit}
              onChange={setUnit}
              options={UNITS.map((u) => ({ value: u, label: limitLabel({ amount: 1, unit: u }, lang).replace(/^1\s?/, '') }))}
            />
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
