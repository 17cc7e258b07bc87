import { useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { onboarding, type Official } from '../../api/onboarding.ts';
import type { Leader, Role, Unit } from '../../api/types.ts';
import { problemText } from '../../components/problem-alert.tsx';
import { roleLabel } from '../../i18n/labels.ts';
import { useLocale } from '../../i18n/locale.tsx';
import { validValues } from '../../components/valid-values.ts';

const ROLES: Role[] = ['handler', 'unit_head', 'leader', 'dispatcher', 'supervisor', 'admin'];

type Values = { login: string; name: string; email: string; phone?: string; roles: Role[]; unitId?: string; leaderId?: string; password: string };

/** Creates an official (`official` null) or changes one's details, roles, unit and leader (admin). */
export function OfficialDialog({ official, units, leaders, onClose, onDone }: { official: Official | null; units: Unit[]; leaders: Leader[]; onClose(): void; onDone(): void }) {
  const { lang, t } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const fields = { name: v.name, email: v.email, phone: v.phone || null, roles: v.roles, unitId: v.unitId ?? null, leaderId: v.leaderId ?? null };
    setBusy(true);
    try {
      if (official) await onboarding.updateOfficial(official.id, fields);
      else await onboarding.createOfficial({ ...fields, login: v.login, password: v.password });
      message.success(t('已保存', 'Saved'));
      onDone();
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  const initial = official
    ? { name: official.name, email: official.email ?? '', phone: official.phone ?? '', roles: official.roles, unitId: official.unitId ?? undefined, leaderId: official.leaderId ?? undefined }
    : { roles: ['handler' as Role] };
  return (
    <Modal
      open
      title={official ? `${t('修改干部', 'Change official')} · ${official.name}` : t('新增干部', 'New official')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t('保存', 'Save')}
      okButtonProps={{ id: 'official-ok' }}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        {official ? null : (
          <Form.Item name="login" label={t('登录名', 'Login')} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/ }]}>
            <Input id="official-login" autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, max: 50 }]}>
          <Input id="official-name" />
        </Form.Item>
        <Form.Item name="email" label={t('邮箱', 'E-mail')} rules={[{ required: true, type: 'email' }]}>
          <Input id="official-email" />
        </Form.Item>
        <Form.Item name="phone" label={t('手机', 'Phone')}>
          <Input id="official-phone" />
        </Form.Item>
        <Form.Item name="roles" label={t('角色', 'Roles')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select mode="multiple" id="official-roles" options={ROLES.map((r) => ({ value: r, label: roleLabel(r, lang) }))} />
        </Form.Item>
        <Form.Item name="unitId" label={t('所属单位（承办人、单位负责人必填）', 'Unit (handlers and unit heads)')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} id="official-unit" options={units.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="leaderId" label={t('对应领导（区级领导必填）', 'Leader (leader role)')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} id="official-leader" options={leaders.map((l) => ({ value: l.id, label: `${l.name} ${l.title}` }))} />
        </Form.Item>
        {official ? null : (
          <Form.Item name="password" label={t('初始密码（首次登录须修改）', 'One-time password (changed at first sign-in)')} rules={[{ required: true, min: 10 }]}>
            <Input.Password id="official-password" autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** Sets a one-time password for an official's account (admin): changed at their next sign-in. */
export function ResetPasswordDialog({ official, onClose }: { official: Official; onClose(): void }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const { password } = v;
    if (!official.accountId) return onClose();
    setBusy(true);
    try {
      await onboarding.resetPassword(official.accountId, password);
      message.success(t('已重置：该干部下次登录须修改密码', 'Reset: they change it at their next sign-in'));
      onClose();
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${t('重置密码', 'Reset password')} · ${official.name}`} onOk={() => void submit()} onCancel={onClose} confirmLoading={busy} okText={t('重置', 'Reset')}>
      <Form form={form} layout="vertical">
        <Form.Item name="password" label={t('一次性密码', 'One-time password')} rules={[{ required: true, min: 10 }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
