import { DEFAULT_PASSWORD_POLICY } from '@lianjian/core/auth/password-policy';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiProblem } from '../api/problem.ts';
import { problemText } from '../components/problem-text.ts';
import type { UiLanguage } from '../i18n/i18n.ts';
import { LanguageSwitch } from '../shell/language-switch.tsx';
import { homeFor } from '../shell/navigation.ts';
import { preloadDashboard } from '../preload.ts';
import { useSession } from '../session/session-context.tsx';

/** Login with the password-policy hint; wrong password, lockout (423) and rate limits show the server's problem text. */
export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { status, user, login, endedBecause } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (status === 'authenticated' && user) return <Navigate to={homeFor(user.role)} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const me = await login(values.username.trim(), values.password);
      if (me.role === 'regulator') preloadDashboard();
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const text = error ? problemText(error, i18n.language as UiLanguage) : null;
  const locked = error instanceof ApiProblem && error.status === 423;

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f3f7' }}>
      <Card style={{ width: 400 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('app.name')}</Typography.Title>
          <LanguageSwitch />
        </Space>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        {endedBecause && <Alert style={{ marginBottom: 16 }} type="warning" message={t('session.expired')} />}
        {text && (
          <Alert style={{ marginBottom: 16 }} type="error" role="alert" data-testid="login-error" message={locked ? `${t('login.locked')}: ${text.message}` : text.message} description={text.hint} />
        )}
        <Form layout="vertical" onFinish={(v: { username: string; password: string }) => void submit(v)} requiredMark={false} aria-label={t('login.title')}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.required', { field: t('login.username') }) }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} extra={t('login.policy', { minLength: DEFAULT_PASSWORD_POLICY.minLength, minClasses: DEFAULT_PASSWORD_POLICY.minClasses })} rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('login.submit')}</Button>
        </Form>
      </Card>
    </main>
  );
}
