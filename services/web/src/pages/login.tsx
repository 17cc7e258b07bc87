import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/endpoints.ts';
import { useLocale, type Lang } from '../i18n/locale.tsx';
import { homeOf, useSession } from '../session.tsx';
import { problemText } from '../components/problem-alert.tsx';

/** Sign in with a login and password; the API sets the session cookie. */
export function LoginPage() {
  const { me, refresh } = useSession();
  const { lang, setLang, t } = useLocale();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  if (me) return <Navigate to={me.mustChangePassword ? homeOf(me) : (params.get('next') ?? homeOf(me))} replace />;
  const submit = async (v: { login: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const session = await api.login(v.login, v.password);
      await refresh();
      navigate(session.mustChangePassword ? '/change-password' : (params.get('next') ?? '/'), { replace: true });
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(135deg,#fbe9e7,#f5f5f5)' }}>
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={3} style={{ color: '#b71c1c' }}>
            {t('回音', 'Huiyin')}
          </Typography.Title>
          <Segmented
            size="small"
            value={lang}
            onChange={(v) => setLang(v as Lang)}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'EN', value: 'en' },
            ]}
          />
        </div>
        <Typography.Paragraph type="secondary">{t('件件有回音、事事有着落', 'Every problem gets an answer and an outcome')}</Typography.Paragraph>
        {error ? <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="login" label={t('账号', 'Login')} rules={[{ required: true }]}>
            <Input autoComplete="username" id="login" />
          </Form.Item>
          <Form.Item name="password" label={t('密码', 'Password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" id="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('登录', 'Sign in')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
