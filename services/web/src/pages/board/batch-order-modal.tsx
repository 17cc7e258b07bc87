import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal } from 'antd';
import { batches, type BatchResult } from '../../api/batches.ts';
import { BatchResultModal } from '../../components/batch-result.tsx';
import { problemText } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/locale.tsx';
import { validValues } from '../../components/valid-values.ts';

type Values = { requiredReply: string; days: number };

/** Batch 督办: one 督办单 on each ticked overdue issue, the same words and reply time; then what became of each. */
export function BatchOrderModal({ ids, numbers, onClose, onDone }: { ids: string[]; numbers: Map<string, string>; onClose(): void; onDone(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BatchResult | null>(null);
  if (result) return <BatchResultModal result={result} numbers={numbers} title={t('批量督办结果', 'Batch supervision orders')} onClose={onClose} />;
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    try {
      setResult(await batches.order(ids, v.requiredReply, { amount: v.days, unit: 'workingDays' }));
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
      title={t(`批量下发督办单（${ids.length} 件）`, `Supervision orders on ${ids.length} issues`)}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ id: 'batch-order-ok' }}
    >
      <Form form={form} layout="vertical" initialValues={{ days: 2 }}>
        <Form.Item name="requiredReply" label={t('督办要求', 'What to answer')} rules={[{ required: true, whitespace: true, message: t('请填写督办要求', 'Say what to answer') }]}>
          <Input.TextArea rows={3} id="batch-order-reply" />
        </Form.Item>
        <Form.Item name="days" label={t('回复时限（工作日）', 'Reply within (working days)')} rules={[{ required: true }]}>
          <InputNumber min={1} max={30} id="batch-order-days" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
