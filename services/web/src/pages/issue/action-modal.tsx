import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { api } from '../../api/endpoints.ts';
import type { IssueDetail, TimeLimit } from '../../api/types.ts';
import { AttachmentUpload } from '../../components/attachment-upload.tsx';
import { LimitInput } from '../../components/limit-input.tsx';
import { problemText } from '../../components/problem-alert.tsx';
import { markFieldErrors } from '../../components/field-errors.ts';
import { useLoad } from '../../components/use-load.ts';
import { limitLabel } from '../../i18n/labels.ts';
import { useLocale } from '../../i18n/locale.tsx';
import type { ActionSpec, Field } from './actions.ts';
import { validValues } from '../../components/valid-values.ts';

/** Turns the form's values into the body the API expects (booleans, numbers, empty optionals left out). */
function bodyOf(spec: ActionSpec, values: Record<string, unknown>, version: number): Record<string, unknown> {
  const body: Record<string, unknown> = { expectedVersion: version, ...spec.fixed };
  for (const f of spec.fields) {
    const v = values[f.name];
    if (v === undefined || v === null || v === '') continue;
    if (f.kind === 'approve' || (f.kind === 'choice' && f.name === 'upheld')) body[f.name] = v === true || v === 'true';
    else if (f.kind === 'limit') body[f.name] = { amount: Number((v as { amount: number }).amount), unit: (v as { unit: string }).unit };
    else body[f.name] = v;
  }
  return body;
}

/**
 * What was typed into a dialog closed unsent (an outside click, Esc, 取消), per issue and action, until
 * it is sent or the console reloads. Uploads are left out: their list is the upload widget's own.
 */
const drafts = new Map<string, Record<string, unknown>>();
const keptOf = (spec: ActionSpec, values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).filter(([name]) => !spec.fields.some((f) => f.name === name && (f.kind === 'attachment' || f.kind === 'attachments'))));

/** One action's form in a dialog; on success the page reloads the issue. */
export function ActionModal({ spec, issue, onClose, onDone }: { spec: ActionSpec; issue: IssueDetail; onClose(): void; onDone(): void }) {
  const { lang, t } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const label = (f: { zh: string; en: string }) => (lang === 'zh' ? f.zh : f.en);
  // Review and sign-off decide on the draft answer: it is shown in the dialog.
  const draft = spec.fields.some((f) => f.kind === 'approve') ? issue.replies.filter((r) => r.kind === 'final' && r.status === 'draft').at(-1) : undefined;
  const draftKey = `${issue.id}:${spec.path}`;
  const submit = async () => {
    const values = (await validValues(form)) as Record<string, unknown> | null;
    if (!values) return;
    setBusy(true);
    try {
      const result = await api.act(issue.id, spec.path, bodyOf(spec, values, issue.version));
      message.success(result.statusNote || t('已完成', 'Done'));
      drafts.delete(draftKey);
      onDone();
    } catch (e) {
      message.error(problemText(e));
      markFieldErrors(
        form,
        e,
        spec.fields.map((f) => f.name),
      );
    } finally {
      setBusy(false);
    }
  };
  const fieldItem = (f: Field) => (
    <Form.Item
      key={f.name}
      name={f.name}
      label={label(f)}
      // The label names its field (FieldInput's own id), for screen readers and a tap on it.
      htmlFor={`field-${f.name}`}
      // A field shown on a condition forgets its value once hidden, so it is never sent.
      preserve={f.shownWhen === undefined}
      extra={f.kind === 'limit' ? extensionHint(issue, lang) : undefined}
      rules={[{ required: !('optional' in f && f.optional) && f.kind !== 'limit', message: t('必填', 'Required') }]}
    >
      <FieldInput field={f} issue={issue} onIds={(ids) => form.setFieldValue(f.name, f.kind === 'attachment' ? ids[0] : ids)} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={label(spec)}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t('提交', 'Submit')}
      okButtonProps={{ danger: spec.danger ?? false, id: 'action-ok' }}
      destroyOnHidden
    >
      {draft ? (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          data-testid="draft-answer"
          message={`${t('待审答复', 'Answer to decide on')}（${draft.outcome === 'negative' ? t('暂不能按诉求办理', 'cannot be done as asked') : t('已解决', 'resolved')}）`}
          description={
            <>
              <div style={{ whiteSpace: 'pre-wrap' }}>{draft.body}</div>
              {draft.wayForward ? <div style={{ marginTop: 8 }}>{`${t('解决路径', 'Way forward')}：${draft.wayForward}`}</div> : null}
            </>
          }
        />
      ) : null}
      {/* A decision is made, not preselected: 同意 or 退回修改 must be chosen. */}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ amount: { amount: 2, unit: 'workingDays' }, ...drafts.get(draftKey) }}
        onValuesChange={(_, all: Record<string, unknown>) => drafts.set(draftKey, keptOf(spec, all))}
      >
        {spec.fields.length === 0 ? <p>{t(`确认${spec.zh}？`, `${spec.en}?`)}</p> : null}
        {spec.fields.map((f) => {
          const shownWhen = f.shownWhen;
          if (!shownWhen) return fieldItem(f);
          // Mounted only while its condition holds: a hidden field is neither checked nor kept.
          return (
            <Form.Item key={f.name} noStyle shouldUpdate={(a, b) => a[shownWhen.field] !== b[shownWhen.field]}>
              {({ getFieldValue }) => (getFieldValue(shownWhen.field) === shownWhen.is ? fieldItem(f) : null)}
            </Form.Item>
          );
        })}
      </Form>
    </Modal>
  );
}

/** 最长可延 …，本件已延期 n/m 次: the bounds a request must keep, said before it is refused. */
function extensionHint(issue: IssueDetail, lang: 'zh' | 'en'): string | undefined {
  const b = issue.extensionBounds;
  if (!b) return undefined;
  return lang === 'zh'
    ? `单次最长可延 ${limitLabel(b.maxExtension, lang)}，本件已延期 ${b.granted}/${b.maxExtensions} 次`
    : `At most ${limitLabel(b.maxExtension, lang)} at a time; ${b.granted} of ${b.maxExtensions} extensions used`;
}

type FieldProps = { field: Field; issue: IssueDetail; onIds(ids: string[]): void; value?: unknown; onChange?: (v: unknown) => void };

function FieldInput({ field, issue, onIds, value, onChange: given }: FieldProps) {
  // Form.Item injects onChange; the fallback only satisfies the types.
  const onChange = given ?? (() => undefined);
  const { lang, t } = useLocale();
  const label = (o: { zh: string; en: string }) => (lang === 'zh' ? o.zh : o.en);
  const id = `field-${field.name}`;
  switch (field.kind) {
    case 'text':
      return field.rows === 1 ? (
        <Input id={id} value={value as string} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <Input.TextArea id={id} rows={field.rows ?? 3} value={value as string} onChange={(e) => onChange(e.target.value)} />
      );
    case 'choice':
      return <Radio.Group id={id} value={value} onChange={(e) => onChange(e.target.value)} options={field.options.map((o) => ({ value: o.value, label: label(o) }))} />;
    case 'approve':
      return (
        <Radio.Group
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          options={[
            { value: true, label: t('同意', 'Approve') },
            { value: false, label: t('退回修改', 'Send back') },
          ]}
        />
      );
    case 'milestone':
      return <Select id={id} value={value} onChange={onChange} options={issue.milestones.filter((m) => !m.doneAt).map((m) => ({ value: m.id, label: `${m.seq}. ${m.title}` }))} />;
    case 'pendingDocument':
      return <Select id={id} value={value} onChange={onChange} options={issue.pendingDocuments.filter((d) => !d.suppliedAt).map((d) => ({ value: d.id, label: d.name }))} />;
    case 'unit':
      return <UnitSelect value={value as string | undefined} onChange={(v) => onChange(v)} />;
    case 'attachments':
    case 'attachment':
      return <AttachmentUpload onChange={onIds} max={field.kind === 'attachment' ? 1 : 20} />;
    case 'limit':
      return <LimitInput value={value as TimeLimit | undefined} onChange={onChange} units={['workingDays', 'workingHours']} fallback={{ amount: 2, unit: 'workingDays' }} />;
  }
}

function UnitSelect({ value, onChange }: { value: string | undefined; onChange(v: string): void }) {
  const units = useLoad(() => api.units(), []);
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      value={value ?? null}
      onChange={onChange}
      loading={units.loading}
      options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.shortName }))}
    />
  );
}
