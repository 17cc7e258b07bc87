import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/client.ts';
import { projects, type ProjectDetail, type ProjectMilestone } from '../../api/projects.ts';
import { useT } from '../../i18n/locale.tsx';
import { showProblem } from './field-errors.ts';

type PlanValues = { milestones: Array<{ name: string; dueOn: Dayjs }> };

/** 节点计划: the leader (or unit, or service centre) adds milestones, each due by the planned completion. */
export function PlanMilestones({ project, open, onClose, onDone }: { project: ProjectDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<PlanValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: PlanValues) => {
    setBusy(true);
    setError(null);
    try {
      await projects.planMilestones(project.id, { expectedVersion: project.version, milestones: v.milestones.map((m) => ({ name: m.name, dueOn: m.dueOn.format('YYYY-MM-DD') })) });
      form.resetFields();
      onDone();
    } catch (e) {
      // The API names the whole list when a day falls after the planned completion: mark those days.
      const late = v.milestones.map((m, i) => ({ i, day: m.dueOn.format('YYYY-MM-DD') })).filter((m) => project.plannedCompletion && m.day > project.plannedCompletion);
      const whole = e instanceof ApiError && (e.problem.errors ?? []).some((x) => x.field === 'milestones');
      if (whole && late.length) {
        form.setFields(
          late.map((m) => ({ name: ['milestones', m.i, 'dueOn'], errors: [t(`晚于计划竣工 ${project.plannedCompletion ?? ''}`, `after the planned completion ${project.plannedCompletion ?? ''}`)] })),
        );
        setError(null);
      } else setError(showProblem(form, e, ['milestones']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('制定节点计划', 'Plan milestones')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy, id: 'plan-ok' }} width={640} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<PlanValues> form={form} onFinish={(v) => void submit(v)} initialValues={{ milestones: [{}] }}>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('节点名称', 'name it') }]}>
                    <Input placeholder={t('节点名称', 'Milestone')} style={{ width: 300 }} data-testid={`milestone-name-${f.name}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true, message: t('计划完成日', 'due day') }]}>
                    <DatePicker placeholder={t('计划完成', 'Due')} data-testid={`milestone-due-${f.name}`} />
                  </Form.Item>
                  {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(f.name)} /> : null}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('再加一个节点', 'Another milestone')}
              </Button>
            </>
          )}
        </Form.List>
        <div style={{ marginTop: 8, color: '#888' }}>{t(`每个节点不得晚于计划竣工 ${project.plannedCompletion ?? ''}`, `each due by the planned completion ${project.plannedCompletion ?? ''}`)}</div>
      </Form>
    </Modal>
  );
}

type ReplanValues = { dueOn: Dayjs; reason: string };

/** 调整节点: the leader moves one milestone's due day, with the reason (its clock restarts). */
export function ReplanMilestone({ project, milestone, onClose, onDone }: { project: ProjectDetail; milestone: ProjectMilestone | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<ReplanValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: ReplanValues) => {
    if (!milestone) return;
    setBusy(true);
    setError(null);
    try {
      await projects.replan(project.id, milestone.id, { expectedVersion: project.version, dueOn: v.dueOn.format('YYYY-MM-DD'), reason: v.reason });
      form.resetFields();
      onDone();
    } catch (e) {
      setError(showProblem(form, e, ['dueOn', 'reason']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={milestone !== null}
      title={`${t('调整节点', 'Replan')} · ${milestone?.name ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, id: 'replan-ok' }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<ReplanValues> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="dueOn" label={t('新的计划完成日', 'New due day')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="reason" label={t('调整理由', 'Reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
