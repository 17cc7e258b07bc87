import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router';
import { api } from '../api/endpoints.ts';
import { useLocale } from '../i18n/locale.tsx';
import { homeOf, useSession } from '../session.tsx';
import { problemText } from '../components/problem-alert.tsx';

type Values = { currentPassword: string; newPassword: string; repeat: string };

/**
 * Change one's own password. An account whose password an admin set lands here after signing in
 * (every other call is refused until it is changed); anyone else may come here too. The API ends
 * every other session and answers a new one, so the console carries on signed in.
 */
export function ChangePasswordPage() {
  const { me, loading, refresh } = useSession();
  const { t } = useLocale();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  if (loading) return null;
  if (!me) return <Navigate to="/login?next=/change-password" replace />;
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.changePassword(v.currentPassword, v.newPassword);
      await refresh();
      navigate('/', { replace: true });
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 420 }}>
        <Typography.Title level={1} style={{ fontSize: 20 }}>
          {t('修改密码', 'Change your password')}
        </Typography.Title>
        {me.mustChangePassword ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="must-change"
            title={t('此密码由管理员设置，请先设置您自己的密码再继续。', 'An admin set this password: choose your own before you go on.')}
          />
        ) : null}
        <Typography.Paragraph type="secondary">
          {t(
            '至少 10 个字符，不含账号名，不要用常见密码或简单序列。修改后其他设备上的登录将退出。',
            'At least 10 characters, not containing your login, no common password or simple sequence. Other devices are signed out.',
          )}
        </Typography.Paragraph>
        {error ? <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} data-testid="change-password-error" /> : null}
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="currentPassword" label={t('当前密码', 'Current password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" id="currentPassword" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('新密码', 'New password')} rules={[{ required: true }, { min: 10 }]}>
            <Input.Password autoComplete="new-password" id="newPassword" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t('再次输入新密码', 'New password again')}
            dependencies={['newPassword']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('两次输入不一致', 'The two do not match')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" id="repeat" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="change-password-submit">
            {t('修改密码', 'Change password')}
          </Button>
        </Form>
        {me.mustChangePassword ? null : (
          <Button type="link" block onClick={() => navigate(homeOf(me))}>
            {t('返回', 'Back')}
          </Button>
        )}
      </Card>
    </div>
  );
}
