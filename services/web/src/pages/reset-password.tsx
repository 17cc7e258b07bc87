import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../api/client.ts';
import { onboarding } from '../api/onboarding.ts';
import { problemText } from '../components/problem-alert.tsx';
import { useLocale } from '../i18n/locale.tsx';

type Values = { newPassword: string; repeat: string };

/** 重置密码: the mailed link's page; sets a new password with the token, once. */
export function ResetPasswordPage() {
  const { t } = useLocale();
  // The token rides in the fragment, which browsers never send: it stays out of request logs.
  const token = new URLSearchParams(useLocation().hash.slice(1)).get('token') ?? '';
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await onboarding.resetWithToken(token, v.newPassword);
      setDone(true);
    } catch (e) {
      const code = e instanceof ApiError ? e.problem.code : undefined;
      setError(code === 'password_reset.token_invalid' ? t('链接无效、已使用或已过期，请重新申请。', 'This link is unknown, used or expired: ask for a new one.') : problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 420 }}>
        <Typography.Title level={1} style={{ fontSize: 20 }}>
          {t('重置密码', 'Reset password')}
        </Typography.Title>
        {done ? (
          <Alert type="success" showIcon data-testid="reset-done" title={t('密码已重置，请用新密码登录。', 'Your password is set: sign in with it.')} />
        ) : (
          <>
            <Typography.Paragraph type="secondary">
              {t(
                '至少 10 个字符，不含账号名，不要用常见密码或简单序列。重置后所有设备上的登录将退出。',
                'At least 10 characters, not containing your login, no common password or simple sequence. Every device is signed out.',
              )}
            </Typography.Paragraph>
            {error ? <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} data-testid="reset-error" /> : null}
            <Form<Values> layout="vertical" onFinish={submit} requiredMark={false}>
              <Form.Item name="newPassword" label={t('新密码', 'New password')} rules={[{ required: true, min: 10 }]}>
                <Input.Password id="reset-new" autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name="repeat"
                label={t('再次输入新密码', 'New password again')}
                dependencies={['newPassword']}
                rules={[
                  { required: true },
                  ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('两次输入不一致', 'They differ')))) }),
                ]}
              >
                <Input.Password id="reset-repeat" autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} disabled={!token} data-testid="reset-submit">
                {t('设置新密码', 'Set password')}
              </Button>
            </Form>
          </>
        )}
        <Typography.Paragraph style={{ marginTop: 16 }}>
          <Link to="/login">{t('去登录', 'Sign in')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
