import { useState } from 'react';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/endpoints.ts';
import { projects, type ProjectBrief } from '../../api/projects.ts';
import { useLoad } from '../../components/use-load.ts';
import { OfficialPicker } from '../../components/official-picker.tsx';
import { useT } from '../../i18n/locale.tsx';
import { showProblem } from './field-errors.ts';

type Values = {
  name: string;
  type: string;
  enterpriseId?: string;
  totalInvestment: number;
  planYear: number;
  plannedInvestmentYear: number;
  leaderId: string;
  unitId: string;
  teamOfficialIds?: string[];
  startDate: Dayjs;
  plannedCompletion: Dayjs;
};
const FIELDS = ['name', 'type', 'enterpriseId', 'totalInvestment', 'planYear', 'plannedInvestmentYear', 'leaderId', 'unitId', 'teamOfficialIds', 'startDate', 'plannedCompletion'];

/** 项目登记 by the service centre: 四明确 (leader, unit, time limit) and investment in whole 万元. */
export function RegisterProject({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (p: ProjectBrief) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refs = useLoad(() => Promise.all([projects.types(), api.leaders(), api.units(), api.enterprises({ limit: 100 })]), []);
  const [types, leaders, units, enterprises] = refs.data ?? [];
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const created = await projects.create({
        name: v.name,
        type: v.type,
        enterpriseId: v.enterpriseId ?? null,
        totalInvestment: v.totalInvestment,
        planYear: v.planYear,
        plannedInvestmentYear: v.plannedInvestmentYear,
        leaderId: v.leaderId,
        unitId: v.unitId,
        teamOfficialIds: v.teamOfficialIds ?? [],
        startDate: v.startDate.format('YYYY-MM-DD'),
        plannedCompletion: v.plannedCompletion.format('YYYY-MM-DD'),
      });
      form.resetFields();
      onDone(created);
    } catch (e) {
      setError(showProblem(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  const wan = { precision: 0, min: 0, step: 100, style: { width: '100%' }, suffix: t('万元', '万元') } as const;
  return (
    <Modal
      open={open}
      title={t('登记重点项目', 'Register a key project')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, id: 'project-register-ok' }}
      width={720}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ planYear: dayjs().year() }} requiredMark={false}>
        <Form.Item name="name" label={t('项目名称', 'Name')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="type" label={t('类型', 'Type')} rules={[{ required: true }]}>
            <Select options={(types?.items ?? []).map((x) => ({ value: x.code, label: t(x.name, x.nameEn) }))} />
          </Form.Item>
          <Form.Item name="enterpriseId" label={t('业主企业', 'Owner enterprise')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(enterprises?.items ?? []).map((e) => ({ value: e.id, label: e.name }))} />
          </Form.Item>
          <Form.Item name="totalInvestment" label={t('总投资', 'Total investment')} rules={[{ required: true }]}>
            <InputNumber {...wan} />
          </Form.Item>
          <Form.Item name="plannedInvestmentYear" label={t('年度计划投资', 'Planned this year')} rules={[{ required: true }]}>
            <InputNumber {...wan} />
          </Form.Item>
          <Form.Item name="planYear" label={t('计划年度', 'Plan year')} rules={[{ required: true }]}>
            <InputNumber precision={0} min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
          <span />
          <Form.Item name="leaderId" label={t('分包领导', 'Leader')} rules={[{ required: true }]}>
            <Select options={(leaders?.items ?? []).map((l) => ({ value: l.id, label: l.name }))} />
          </Form.Item>
          <Form.Item name="unitId" label={t('责任单位', 'Unit')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={(units?.items ?? []).map((u) => ({ value: u.id, label: u.shortName }))} />
          </Form.Item>
          <Form.Item name="startDate" label={t('开工日期', 'Start')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="plannedCompletion" label={t('计划竣工（时限）', 'Planned completion (time limit)')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="teamOfficialIds" label={t('专班成员', 'Team')} extra={t('可留空，登记后由服务中心补充', 'may stay empty')}>
          <OfficialPicker id="project-team" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
