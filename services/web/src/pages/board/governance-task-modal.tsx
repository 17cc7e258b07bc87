import { useState } from 'react';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { api } from '../../api/endpoints.ts';
import { issueGovernanceTask } from '../../api/governance.ts';
import type { HotSpots } from '../../api/report-types.ts';
import { problemText } from '../../components/problem-alert.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useT } from '../../i18n/locale.tsx';
import { validValues } from '../../components/valid-values.ts';

type Values = { unitId: string; title: string; note: string };

/** 立为治理任务: the cluster's issues made one 督办单 for a unit, its lead unit unless changed. */
export function GovernanceTaskModal({ cluster, onClose, onDone }: { cluster: HotSpots['byProblem'][number]; onClose(): void; onDone(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const units = useLoad(() => api.units(), []);
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    try {
      const task = await issueGovernanceTask({ issueIds: cluster.issues.map((i) => i.id), ...v });
      message.success(t(`已立治理任务，交${task.unitName}办理`, `Governance task made for ${task.unitName}`));
      onDone();
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('立为治理任务', 'Make a governance task')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okButtonProps={{ id: 'governance-task-ok' }}>
      <Form form={form} layout="vertical" initialValues={{ unitId: cluster.leadUnitId ?? undefined, title: cluster.name }}>
        <Form.Item name="unitId" label={t('责任单位', 'Unit')} rules={[{ required: true, message: t('请选择责任单位', 'Choose a unit') }]}>
          <Select id="governance-task-unit" loading={units.loading} showSearch optionFilterProp="label" options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.shortName }))} />
        </Form.Item>
        <Form.Item name="title" label={t('任务名称', 'Title')} rules={[{ required: true, whitespace: true, message: t('请填写任务名称', 'Give a title') }]}>
          <Input id="governance-task-title" maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('治理要求', 'What to do')} rules={[{ required: true, whitespace: true, message: t('请填写治理要求', 'Say what to do') }]}>
          <Input.TextArea rows={3} id="governance-task-note" maxLength={2000} />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t(`涵盖 ${cluster.issues.length} 件诉求：`, `Covers ${cluster.issues.length} issues: `)}</Typography.Text>
      <div data-testid="governance-task-issues" style={{ display: 'flex', flexDirection: 'column', maxHeight: 180, overflowY: 'auto' }}>
        {cluster.issues.map((i) => (
          <Typography.Text key={i.id} style={{ fontSize: 12 }}>
            {i.number} · {i.enterpriseName} · {i.title}
          </Typography.Text>
        ))}
      </div>
    </Modal>
  );
}
