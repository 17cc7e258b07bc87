import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Link } from 'react-router';
import { onboarding } from '../api/onboarding.ts';
import { problemText } from '../components/problem-alert.tsx';
import { useLocale } from '../i18n/locale.tsx';

/** 忘记密码: asks for a reset link by mail. The answer is the same whether or not the account exists. */
export function ForgotPasswordPage() {
  const { t } = useLocale();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { login: string }) => {
    setBusy(true);
    setError(null);
    try {
      await onboarding.requestPasswordReset(v.login);
      setSent(true);
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
          {t('忘记密码', 'Forgot password')}
        </Typography.Title>
        {sent ? (
          <Alert
            type="success"
            showIcon
            data-testid="reset-sent"
            title={t('如果该账号或邮箱存在，重置密码的链接已发往其邮箱，30 分钟内有效，只能使用一次。', 'If an account answers to it, a reset link has been mailed: valid for 30 minutes, once.')}
          />
        ) : (
          <>
            <Typography.Paragraph type="secondary">
              {t('输入登录名或干部邮箱，我们会把重置密码的链接发到账号的邮箱。', 'Enter your login or e-mail; a reset link goes to the account’s e-mail.')}
            </Typography.Paragraph>
            {error ? <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} /> : null}
            <Form layout="vertical" onFinish={submit} requiredMark={false}>
              <Form.Item name="login" label={t('登录名或邮箱', 'Login or e-mail')} rules={[{ required: true }]}>
                <Input id="reset-login" autoComplete="username" autoFocus />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="reset-request">
                {t('发送重置链接', 'Send reset link')}
              </Button>
            </Form>
          </>
        )}
        <Typography.Paragraph style={{ marginTop: 16 }}>
          <Link to="/login">{t('返回登录', 'Back to sign-in')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
