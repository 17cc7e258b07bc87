import { useState } from 'react';
import { Alert, Divider, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { api } from '../../api/endpoints.ts';
import { projects, type ProjectDetail } from '../../api/projects.ts';
import { useLoad } from '../../components/use-load.ts';
import { useT } from '../../i18n/locale.tsx';
import { showProblem } from './field-errors.ts';

type Values = {
  investmentCompleted: number;
  narrative: string;
  problems?: string;
  milestones: Array<{ milestoneId: string; percent: number }>;
  problemTitle?: string;
  categoryId?: string;
};

/** What a filing produced: the report, and the issue its problem became at once (即刻交办), if any. */
export type Filed = { reportId: string; issue: { id: string; number: string } | null };

/**
 * 每半月进度报告 by the unit: percent per open milestone, investment completed to date (万元),
 * narrative, problems. A problem given a category and a title is handed over as an issue right
 * after the report is stored, linked to it; a refusal of the hand-over leaves the report filed and
 * says so.
 */
export function ProgressReportForm({ project, open, onClose, onDone }: { project: ProjectDetail; open: boolean; onClose: () => void; onDone: (f: Filed) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const categories = useLoad(() => api.categories(), []);
  const openMilestones = project.milestones.filter((m) => m.state !== 'done');
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    let reportId: string | null = null;
    try {
      const filed = await projects.fileReport(project.id, {
        expectedVersion: project.version,
        investmentCompleted: v.investmentCompleted,
        narrative: v.narrative,
        ...(v.problems?.trim() ? { problems: v.problems.trim() } : {}),
        milestones: v.milestones ?? [],
      });
      reportId = filed.id;
      let issue: Filed['issue'] = null;
      if (v.problems?.trim() && v.categoryId && v.problemTitle?.trim()) {
        const handed = await projects.reportProblem(project.id, { title: v.problemTitle.trim(), description: v.problems.trim(), categoryId: v.categoryId, reportId });
        issue = { id: handed.issueId, number: handed.number };
      }
      form.resetFields();
      onDone({ reportId, issue });
    } catch (e) {
      const text = showProblem(form, e, ['investmentCompleted', 'narrative', 'problems', 'milestones', 'categoryId', 'problemTitle'], { title: 'problemTitle', description: 'problems' });
      if (reportId) {
        // The report is stored; only the hand-over failed.
        setError(`${t('进度报告已报送，问题交办未成功：', 'The report is filed; handing the problem over failed: ')}${text ?? ''}`);
        onDone({ reportId, issue: null });
      } else setError(text);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('报送半月进度', 'File the semi-monthly progress report')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, id: 'report-ok' }}
      width={720}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        initialValues={{ investmentCompleted: project.investmentCompleted, milestones: openMilestones.map((m) => ({ milestoneId: m.id, percent: m.percent })) }}
      >
        {openMilestones.length ? <Typography.Text strong>{t('节点进度（%）', 'Progress per milestone (%)')}</Typography.Text> : null}
        {openMilestones.map((m, i) => (
          <div key={m.id} style={{ display: 'flex', gap: 12, alignItems: 'baseline' }}>
            <Form.Item name={['milestones', i, 'milestoneId']} hidden>
              <Input />
            </Form.Item>
            <span style={{ flex: 1 }}>
              {m.seq}. {m.name}
            </span>
            <Form.Item name={['milestones', i, 'percent']} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} precision={0} suffix="%" data-testid={`report-percent-${m.seq}`} />
            </Form.Item>
          </div>
        ))}
        <Form.Item name="investmentCompleted" label={t('累计完成投资', 'Investment completed to date')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={0} step={100} suffix={t('万元', '万元')} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="narrative" label={t('进展情况', 'Narrative')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={10000} />
        </Form.Item>
        <Form.Item name="problems" label={t('存在问题', 'Problems')}>
          <Input.TextArea rows={2} maxLength={10000} />
        </Form.Item>
        <Divider plain style={{ margin: '4px 0 12px' }}>
          {t('问题即刻交办（填写后生成诉求）', 'Hand the problem over as an issue')}
        </Divider>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item
            name="problemTitle"
            label={t('交办标题', 'Issue title')}
            dependencies={['problems', 'categoryId']}
            rules={[({ getFieldValue }) => ({ required: Boolean(getFieldValue('categoryId')), message: t('请填写交办标题', 'a title') })]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="categoryId"
            label={t('诉求类别', 'Category')}
            dependencies={['problems']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_r, value) => (value && !String(getFieldValue('problems') ?? '').trim() ? Promise.reject(new Error(t('先填写存在问题', 'describe the problem first'))) : Promise.resolve()),
              }),
            ]}
          >
            <Select allowClear options={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
