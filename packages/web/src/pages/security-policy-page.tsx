import { Alert, App, Button, Card, Form, InputNumber, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { useServerFieldErrors } from '../components/admin/server-fields.ts';
import { useAction } from '../components/admin/use-action.ts';
import { useFieldLabels } from '../components/form-issues.ts';
import { ErrorState, LoadingState } from '../components/page-states.tsx';
import { formatInstant } from '../format/time.ts';

interface Policy { idleTimeoutMinutes: number; absoluteTimeoutHours: number; lockoutThreshold: number; lockoutMinutes: number; passwordMinLength: number; passwordMinClasses: number; updatedAt: string }
type PolicyFields = Omit<Policy, 'updatedAt'>;

/** The limits of each field, as the API checks them (security-policy.routes.ts). */
export const POLICY_LIMITS: Record<keyof PolicyFields, [number, number]> = {
  idleTimeoutMinutes: [1, 1440], absoluteTimeoutHours: [1, 168], lockoutThreshold: [1, 100], lockoutMinutes: [1, 1440], passwordMinLength: [8, 128], passwordMinClasses: [1, 4],
};

/** The security admin's page: the session and password policy, and forcing a user's sessions to end. */
export default function SecurityPolicyPage() {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('sys.security.title')}</Typography.Title>
      <PolicyCard />
      <ForceLogoutCard />
    </Space>
  );
}

function PolicyCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PolicyFields>();
  const policy = useApi<Policy>('/api/security-policy');
  const fieldLabel = useFieldLabels(Object.fromEntries(Object.keys(POLICY_LIMITS).map((k) => [k, t(`sys.security.fields.${k}`)])));
  const showErrors = useServerFieldErrors(form, Object.keys(POLICY_LIMITS), fieldLabel);
  const save = useAction((body: Partial<PolicyFields>) => api<Policy>('/api/security-policy', { method: 'PATCH', body }), ['/api/security-policy'], showErrors);
  const submit = async (v: PolicyFields) => {
    if (await save.run(v)) void message.success(t('sys.saved'));
  };
  return (
    <Card size="small" title={t('sys.security.policy')} extra={policy.data && <span>{t('sys.updatedAt', { at: formatInstant(policy.data.updatedAt) })}</span>}>
      {policy.isPending && <LoadingState />}
      {policy.isError && <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />}
      {save.error !== null && <ErrorState error={save.error} />}
      {policy.data && (
        <Form form={form} layout="vertical" initialValues={policy.data} onFinish={(v) => void submit(v)} aria-label={t('sys.security.policy')} style={{ maxWidth: 480 }}>
          {(Object.keys(POLICY_LIMITS) as (keyof PolicyFields)[]).map((k) => {
            const [min, max] = POLICY_LIMITS[k];
            return (
              <Form.Item key={k} name={k} label={t(`sys.security.fields.${k}`)} extra={t('sys.range', { min, max })}
                rules={[{ required: true, message: t('login.required', { field: t(`sys.security.fields.${k}`) }) }, { type: 'number', min, max, message: t('sys.range', { min, max }) }]}>
                <InputNumber min={min} max={max} precision={0} style={{ width: 200 }} />
              </Form.Item>
            );
          })}
          <Button type="primary" htmlType="submit" loading={save.busy}>{t('sys.save')}</Button>
        </Form>
      )}
    </Card>
  );
}

function ForceLogoutCard() {
  const { t } = useTranslation();
  const [userId, setUserId] = useState<number | null>(null);
  const [done, setDone] = useState<{ userId: number; revoked: number } | null>(null);
  const revoke = useAction((id: number) => api<{ revoked: number }>(`/api/users/${id}/sessions/revoke`, { method: 'POST' }));
  const go = async () => {
    if (userId === null) return;
    const r = await revoke.run(userId);
    if (r) setDone({ userId, revoked: r.revoked });
  };
  return (
    <Card size="small" title={t('sys.security.forceLogout')}>
      <Typography.Paragraph type="secondary">{t('sys.security.forceLogoutHint')}</Typography.Paragraph>
      {revoke.error !== null && <ErrorState error={revoke.error} />}
      {done && <Alert type="success" showIcon style={{ marginBottom: 12 }} message={t('sys.security.revoked', done)} />}
      <Space>
        <InputNumber min={1} precision={0} value={userId} onChange={(v) => setUserId(v)} placeholder={t('sys.userId')} aria-label={t('sys.userId')} style={{ width: 160 }} />
        <Popconfirm title={t('sys.security.forceLogoutConfirm', { userId: userId ?? '' })} okText={t('common.confirm')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => go()} disabled={userId === null}>
          <Button danger disabled={userId === null} loading={revoke.busy}>{t('sys.security.forceLogout')}</Button>
        </Popconfirm>
      </Space>
    </Card>
  );
}
