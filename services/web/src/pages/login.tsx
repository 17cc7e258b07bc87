import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/endpoints.ts';
import { useLocale, type Lang } from '../i18n/locale.tsx';
import { homeOf, useSession } from '../session.tsx';
import { problemText } from '../components/problem-alert.tsx';
import { ApiError } from '../api/client.ts';

/** The sign-in refusals in the reader's language (the API's detail is English, for logs and clients). */
function signInError(e: unknown, t: (zh: string, en: string) => string): string {
  const code = e instanceof ApiError ? e.problem.code : undefined;
  if (code === 'auth.bad_credentials') return t('账号或密码错误', 'Wrong login or password');
  if (code === 'auth.locked') return t('密码错误次数过多，该账号已暂时锁定，请稍后再试', 'Too many wrong passwords: this login is locked for a while, try again later');
  if (e instanceof ApiError && e.status === 429) return t('登录尝试过于频繁，请稍后再试', 'Too many attempts, try again in a minute');
  return problemText(e);
}

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
      setError(signInError(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(135deg,#fbe9e7,#f5f5f5)' }}>
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={1} style={{ color: '#b71c1c', fontSize: 24 }}>
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
            <Input autoComplete="username" id="login" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('密码', 'Password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" id="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('登录', 'Sign in')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0, textAlign: 'right' }}>
          <Link to="/forgot-password" data-testid="forgot-password">
            {t('忘记密码？', 'Forgot password?')}
          </Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
