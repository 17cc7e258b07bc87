import { useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { api } from '../../api/endpoints.ts';
import { projects, type ProjectDetail } from '../../api/projects.ts';
import { useLoad } from '../../components/use-load.ts';
import { useT } from '../../i18n/locale.tsx';
import { showProblem } from './field-errors.ts';

type Values = { title: string; description: string; categoryId: string; milestoneId?: string; enterpriseId?: string };

/** 即刻交办 outside a report: whoever follows the project hands a problem over; it is an issue at once. */
export function ProblemForm({ project, open, onClose, onDone }: { project: ProjectDetail; open: boolean; onClose: () => void; onDone: (issue: { id: string; number: string }) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refs = useLoad(() => Promise.all([api.categories(), project.enterpriseId ? Promise.resolve({ items: [] }) : api.enterprises({ limit: 100 })]), [project.enterpriseId]);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await projects.reportProblem(project.id, {
        title: v.title,
        description: v.description,
        categoryId: v.categoryId,
        ...(v.milestoneId ? { milestoneId: v.milestoneId } : {}),
        ...(v.enterpriseId ? { enterpriseId: v.enterpriseId } : {}),
      });
      form.resetFields();
      onDone({ id: r.issueId, number: r.number });
    } catch (e) {
      setError(showProblem(form, e, ['title', 'description', 'categoryId', 'milestoneId', 'enterpriseId']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('问题即刻交办', 'Hand a problem over')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy, id: 'problem-ok' }} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        <Form.Item name="title" label={t('标题', 'Title')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('问题描述', 'Description')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={10000} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('诉求类别', 'Category')} rules={[{ required: true }]}>
          <Select options={(refs.data?.[0].items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="milestoneId" label={t('涉及节点', 'Milestone')}>
          <Select allowClear options={project.milestones.map((m) => ({ value: m.id, label: `${m.seq}. ${m.name}` }))} />
        </Form.Item>
        {project.enterpriseId ? null : (
          <Form.Item name="enterpriseId" label={t('涉及企业', 'Enterprise')} rules={[{ required: true }]} extra={t('项目未登记业主企业，请选择问题涉及的企业', 'the project has no owner enterprise')}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={(refs.data?.[1].items ?? []).map((e) => ({ value: e.id, label: e.name }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
