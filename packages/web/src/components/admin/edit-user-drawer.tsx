import { checkPassword, DEFAULT_PASSWORD_POLICY } from '@lianjian/core/auth/password-policy';
import { App, Button, Descriptions, Divider, Drawer, Form, Input, Popconfirm, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { UiLanguage } from '../../i18n/i18n.ts';
import { formatInstant } from '../../format/time.ts';
import { useFieldLabels } from '../form-issues.ts';
import { ErrorState } from '../page-states.tsx';
import { issueText } from '../problem-text.ts';
import { useServerFieldErrors } from './server-fields.ts';
import { useAction } from './use-action.ts';

export interface UserRow {
  id: number; username: string; displayName: string; role: string; organizationId: number | null; organizationName: string | null;
  jurisdictionCode: string | null; regulatorLevel: string | null; department: string | null; email: string | null; phone: string | null;
  status: string; lockedUntil: string | null; lastLoginAt: string | null; createdAt: string;
}

/** Locked out after too many wrong passwords (until lockedUntil); a password reset lifts it. */
export const isLocked = (u: Pick<UserRow, 'lockedUntil'>, now = Date.now()) => u.lockedUntil !== null && Date.parse(u.lockedUntil) > now;

export function UserStatusTag({ user }: { user: UserRow }) {
  const { t } = useTranslation();
  if (user.status === 'disabled') return <Tag color="default">{t('sys.users.status.disabled')}</Tag>;
  if (isLocked(user)) return <Tag color="red">{t('sys.users.status.locked', { until: formatInstant(user.lockedUntil) })}</Tag>;
  return <Tag color="green">{t('sys.users.status.active')}</Tag>;
}

/**
 * One user's details (system admin). Role, organisation and jurisdiction are fixed when the
 * account is made (the API does not change them: a new duty is a new account, so the audit trail
 * of the old one stays whole); contact fields, enabling/disabling and the password are changed here.
 */
export function EditUserDrawer({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as UiLanguage;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ displayName: string; department: string; email: string; phone: string }>();
  const [pw] = Form.useForm<{ password: string }>();
  // One lookup for both forms: their field names do not overlap.
  const fieldLabel = useFieldLabels({
    displayName: t('common.name'), department: t('sys.users.department'), email: t('sys.users.email'), phone: t('sys.users.phone'), password: t('sys.users.newPassword'),
  });
  const showUpdateErrors = useServerFieldErrors(form, ['displayName', 'department', 'email', 'phone'], fieldLabel, user !== null);
  const showPasswordErrors = useServerFieldErrors(pw, ['password'], fieldLabel, user !== null);
  const update = useAction((id: number, body: Record<string, unknown>) => api(`/api/users/${id}`, { method: 'PATCH', body }), ['/api/users'], showUpdateErrors);
  const reset = useAction(async (id: number, password: string) => {
    await api(`/api/users/${id}/password`, { body: { password } }); // 204: no body
    return true;
  }, ['/api/users'], showPasswordErrors);
  if (!user) return null;
  const save = async (v: { displayName: string; department: string; email: string; phone: string }) => {
    const ok = await update.run(user.id, { displayName: v.displayName.trim(), department: v.department?.trim() || null, email: v.email?.trim() || null, phone: v.phone?.trim() || null });
    if (ok !== undefined) {
      void message.success(t('sys.saved'));
      onClose(); // the list refetches; reopening shows the saved values
    }
  };
  const setStatus = async (status: 'active' | 'disabled') => {
    if ((await update.run(user.id, { status })) !== undefined) {
      void message.success(t(status === 'disabled' ? 'sys.users.disabledDone' : 'sys.users.enabledDone', { username: user.username }));
      onClose();
    }
  };
  const resetPassword = async (v: { password: string }) => {
    if (await reset.run(user.id, v.password)) {
      pw.resetFields();
      void message.success(t('sys.users.resetDone', { username: user.username }));
    }
  };
  return (
    <Drawer open title={t('sys.users.edit', { username: user.username })} onClose={onClose} width={520} destroyOnHidden>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('admin.username')}><span data-content>{user.username}</span></Descriptions.Item>
        <Descriptions.Item label={t('sys.users.role')}>{t(`role.${user.role}`, { defaultValue: user.role })}</Descriptions.Item>
        <Descriptions.Item label={t('sys.users.organization')}><span data-content>{user.organizationName ?? '—'}</span></Descriptions.Item>
        <Descriptions.Item label={t('sys.users.jurisdiction')}>{user.jurisdictionCode ?? '—'}{user.regulatorLevel ? ` · ${t(`sys.levels.${user.regulatorLevel}`)}` : ''}</Descriptions.Item>
        <Descriptions.Item label={t('common.status')}><UserStatusTag user={user} /></Descriptions.Item>
        <Descriptions.Item label={t('sys.users.lastLogin')}>{formatInstant(user.lastLoginAt)}</Descriptions.Item>
      </Descriptions>
      <p style={{ color: '#8c8c8c' }}>{t('sys.users.fixedHint')}</p>
      {update.error !== null && <ErrorState error={update.error} />}
      <Form form={form} layout="vertical" initialValues={{ displayName: user.displayName, department: user.department ?? '', email: user.email ?? '', phone: user.phone ?? '' }} onFinish={(v) => void save(v)} aria-label={t('sys.users.edit', { username: user.username })}>
        <Form.Item name="displayName" label={t('common.name')} rules={[{ required: true, message: t('login.required', { field: t('common.name') }) }, { max: 100 }]}><Input /></Form.Item>
        <Form.Item name="department" label={t('sys.users.department')} rules={[{ max: 100 }]}><Input /></Form.Item>
        <Form.Item name="email" label={t('sys.users.email')} rules={[{ type: 'email', message: t('sys.users.emailRule') }]}><Input type="email" /></Form.Item>
        <Form.Item name="phone" label={t('sys.users.phone')} rules={[{ max: 32 }]}><Input /></Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={update.busy}>{t('sys.save')}</Button>
          {user.status === 'disabled' ? (
            <Popconfirm title={t('sys.users.enableConfirm', { username: user.username })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => setStatus('active')}>
              <Button>{t('sys.users.enable')}</Button>
            </Popconfirm>
          ) : (
            <Popconfirm title={t('sys.users.disableConfirm', { username: user.username })} okText={t('common.confirm')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => setStatus('disabled')}>
              <Button danger>{t('sys.users.disable')}</Button>
            </Popconfirm>
          )}
        </Space>
      </Form>
      <Divider>{t('sys.users.resetPassword')}</Divider>
      <p style={{ color: '#8c8c8c' }}>{t('sys.users.resetHint')}</p>
      {reset.error !== null && <ErrorState error={reset.error} />}
      <Form form={pw} layout="vertical" onFinish={(v) => void resetPassword(v)} aria-label={t('sys.users.resetPassword')}>
        <Form.Item name="password" label={t('sys.users.newPassword')} extra={t('login.policy', { minLength: DEFAULT_PASSWORD_POLICY.minLength, minClasses: DEFAULT_PASSWORD_POLICY.minClasses })}
          rules={[{ required: true, message: t('login.required', { field: t('sys.users.newPassword') }) }, {
            validator: (_, value: string | undefined) => {
              const issue = value ? checkPassword(value, DEFAULT_PASSWORD_POLICY, user.username)[0] : undefined;
              return issue ? Promise.reject(new Error(issueText({ code: issue.code, ...(issue.params ? { params: issue.params as Record<string, string | number> } : {}) }, lang))) : Promise.resolve();
            },
          }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Popconfirm title={t('sys.users.resetConfirm', { username: user.username })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => pw.submit()}>
          <Button loading={reset.busy}>{t('sys.users.resetPassword')}</Button>
        </Popconfirm>
      </Form>
    </Drawer>
  );
}
