import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/endpoints.ts';
import type { ListingItem } from '../../api/types.ts';
import { problemText } from '../../components/problem-alert.tsx';
import { useLoad } from '../../components/use-load.ts';
import { limitLabel, unitName } from '../../i18n/labels.ts';
import { useLocale } from '../../i18n/locale.tsx';
import { IssueBrief } from './issue-brief.tsx';
import { SimilarIssues } from '../../components/similar-issues.tsx';
import { validValues } from '../../components/valid-values.ts';

type Values = {
  leaderId?: string;
  leadUnitId?: string;
  assistingUnitIds: string[];
  limitAmount: number;
  limitUnit: string;
  milestones: Array<{ title: string; dueAt: Dayjs }>;
  pendingDocuments: Array<{ name: string }>;
  greenChannel: boolean;
};

/**
 * 列单 and 派单 in one dialog: the four elements prefilled from the enterprise's assignment and the
 * category's limit; the dispatcher changes what needs changing, then the issue is listed and dispatched.
 */
export function ListModal({ item, onClose, onDone }: { item: ListingItem; onClose(): void; onDone(): void }) {
  const { lang, t } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const leaders = useLoad(() => api.leaders(), []);
  const units = useLoad(() => api.units(), []);
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.shortName }));
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    try {
      const limitChanged = v.limitAmount !== item.defaultTimeLimit.amount || v.limitUnit !== item.defaultTimeLimit.unit;
      const listed = await api.act(item.id, 'list', {
        expectedVersion: item.version,
        ...(v.leaderId ? { leaderId: v.leaderId } : {}),
        ...(v.leadUnitId ? { leadUnitId: v.leadUnitId } : {}),
        assistingUnitIds: v.assistingUnitIds ?? [],
        // Only a limit the dispatcher chose is sent: otherwise the category's policy keeps applying.
        ...(limitChanged ? { timeLimit: { amount: v.limitAmount, unit: v.limitUnit } } : {}),
        milestones: (v.milestones ?? []).map((m) => ({ title: m.title, dueAt: m.dueAt.toISOString() })),
        pendingDocuments: v.pendingDocuments ?? [],
        greenChannel: v.greenChannel,
      });
      const sent = await api.act(item.id, 'dispatch', { expectedVersion: listed.version });
      message.success(sent.statusNote);
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
      width={720}
      title={`${t('列单派单', 'List and dispatch')} · ${item.number} ${item.title}`}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={t('列单并派单', 'List and dispatch')}
      okButtonProps={{ id: 'dispatch-ok' }}
    >
      <IssueBrief issueId={item.id} />
      {/* Likely duplicates first: one marked here needs no listing at all. */}
      <SimilarIssues issueId={item.id} markable={{ version: item.version }} onMarked={onDone} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          leaderId: item.defaultLeaderId ?? undefined,
          leadUnitId: item.defaultLeadUnitId ?? undefined,
          assistingUnitIds: [],
          limitAmount: item.defaultTimeLimit.amount,
          limitUnit: item.defaultTimeLimit.unit,
          milestones: [],
          pendingDocuments: [],
          greenChannel: item.greenChannel,
        }}
      >
        <Space size="large" wrap>
          <Form.Item name="leaderId" label={t('分包领导', 'Leader')} rules={[{ required: true }]}>
            <Select style={{ width: 200 }} showSearch={{ optionFilterProp: 'label' }} options={(leaders.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name}（${l.title}）` }))} />
          </Form.Item>
          <Form.Item name="leadUnitId" label={t('主办单位', 'Lead unit')} rules={[{ required: true }]}>
            <Select style={{ width: 200 }} showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
          </Form.Item>
          <Form.Item label={t('办理时限', 'Time limit')}>
            <Space.Compact>
              <Form.Item name="limitAmount" noStyle>
                <InputNumber min={1} max={10000} />
              </Form.Item>
              <Form.Item name="limitUnit" noStyle>
                <Select
                  style={{ width: 120 }}
                  aria-label={t('时限单位', 'Time unit')}
                  // The usual units, and the category's own when it is another (a drill's seconds), named in the reader's language.
                  options={[...new Set(['workingDays', 'workingHours', 'hours', item.defaultTimeLimit.unit])].map((u) => ({ value: u, label: unitName(u, lang) }))}
                />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
          <Form.Item name="greenChannel" label={t('绿色通道', 'Green channel')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="assistingUnitIds" label={t('协办单位', 'Assisting units')}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
        </Form.Item>
        {/* 四明确: from the category's threshold on (same unit compared here; the API decides in every case), a plan is required. */}
        <Form.List
          name="milestones"
          rules={[
            {
              validator: async (_, value: unknown[] | undefined) => {
                const from = item.milestonesRequiredFrom;
                const unit = form.getFieldValue('limitUnit') as string;
                const amount = Number(form.getFieldValue('limitAmount'));
                if ((value ?? []).length === 0 && unit === from.unit && amount >= from.amount) {
                  throw new Error(t(`办理时限达到${limitLabel(from, lang)}须列明节点计划`, `A limit of ${limitLabel(from, lang)} or more needs a milestone plan`));
                }
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Form.Item
              label={t('节点计划', 'Milestones')}
              extra={t(`办理时限达到${limitLabel(item.milestonesRequiredFrom, lang)}及以上须列明节点计划`, `Required from a limit of ${limitLabel(item.milestonesRequiredFrom, lang)}`)}
            >
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true }]}>
                    <Input placeholder={t('节点', 'Milestone')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueAt']} rules={[{ required: true }]}>
                    <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                {t('添加节点', 'Add a milestone')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          )}
        </Form.List>
        <Form.List name="pendingDocuments">
          {(fields, { add, remove }) => (
            <Form.Item label={t('容缺材料（企业后补）', 'Documents still owed (容缺)')}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                    <Input placeholder={t('材料名称', 'Document')} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                {t('添加容缺材料', 'Add a document')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
