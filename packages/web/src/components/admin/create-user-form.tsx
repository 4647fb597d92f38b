import { checkPassword, DEFAULT_PASSWORD_POLICY } from '@lianjian/core/auth/password-policy';
import { Button, Form, Input, Modal, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Role } from '../../api/types.ts';
import type { UiLanguage } from '../../i18n/i18n.ts';
import { useFieldLabels } from '../form-issues.ts';
import { ErrorState } from '../page-states.tsx';
import { issueText } from '../problem-text.ts';
import { OrganizationSelect } from './organization-select.tsx';
import { useServerFieldErrors } from './server-fields.ts';
import { useAction } from './use-action.ts';

export const ROLES: Role[] = ['regulator', 'enterprise', 'institution', 'agency', 'privacy_officer', 'sysadmin', 'secadmin', 'auditadmin'];
export const REGULATOR_LEVELS = ['national', 'province', 'city', 'county'] as const;
const FIELDS = ['username', 'displayName', 'password', 'role', 'organizationId', 'jurisdictionCode', 'regulatorLevel', 'email', 'phone', 'department'];
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export interface CreateUserValues {
  username: string; displayName: string; password: string; role: Role; organizationId?: number | null; jurisdictionCode?: string;
  regulatorLevel?: string; department?: string; email?: string; phone?: string;
}

/** The POST body: trimmed, empty optional fields left out (the API is strict about unknown and empty values). */
export function createUserInput(v: CreateUserValues): Record<string, unknown> {
  const out: Record<string, unknown> = { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password, role: v.role };
  if (v.organizationId !== undefined && v.organizationId !== null) out.organizationId = v.organizationId;
  for (const k of ['jurisdictionCode', 'regulatorLevel', 'department', 'email', 'phone'] as const) {
    const value = v[k]?.trim();
    if (value) out[k] = value;
  }
  return out;
}

/** Create a user (system admin): the password policy is checked as on the login page, with the core rule, before anything is sent. */
export function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (user: { id: number; username: string }) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as UiLanguage;
  const [form] = Form.useForm<CreateUserValues>();
  const role = Form.useWatch('role', form);
  const fieldLabel = useFieldLabels({
    username: t('admin.username'), displayName: t('common.name'), password: t('login.password'), role: t('sys.users.role'), organizationId: t('sys.users.organizationId'),
    jurisdictionCode: t('sys.users.jurisdiction'), regulatorLevel: t('sys.users.level'), department: t('sys.users.department'), email: t('sys.users.email'), phone: t('sys.users.phone'),
  });
  const showErrors = useServerFieldErrors(form, FIELDS, fieldLabel, open);
  const save = useAction((body: Record<string, unknown>) => api<{ id: number; username: string }>('/api/users', { body }), ['/api/users'], showErrors);
  const submit = async (values: CreateUserValues) => {
    const user = await save.run(createUserInput(values));
    if (user) {
      form.resetFields();
      onCreated(user);
    }
  };
  const required = (field: string) => ({ required: true, message: t('login.required', { field }) });
  return (
    <Modal open={open} title={t('sys.users.create')} onCancel={onClose} footer={null} destroyOnHidden>
      {save.error !== null && <ErrorState error={save.error} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} aria-label={t('sys.users.create')} data-testid="create-user-form">
        <Form.Item name="username" label={t('admin.username')} extra={t('sys.users.usernameHint')}
          rules={[required(t('admin.username')), { pattern: USERNAME, message: t('sys.users.usernameRule') }]}>
          <Input autoComplete="off" data-testid="field-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('common.name')} rules={[required(t('common.name')), { max: 100 }]}>
          <Input data-testid="field-displayName" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} dependencies={['username']}
          extra={t('login.policy', { minLength: DEFAULT_PASSWORD_POLICY.minLength, minClasses: DEFAULT_PASSWORD_POLICY.minClasses })}
          rules={[required(t('login.password')), ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) => {
              if (!value) return Promise.resolve();
              const issue = checkPassword(value, DEFAULT_PASSWORD_POLICY, getFieldValue('username') as string | undefined)[0];
              return issue ? Promise.reject(new Error(issueText({ code: issue.code, ...(issue.params ? { params: issue.params as Record<string, string | number> } : {}) }, lang))) : Promise.resolve();
            },
          })]}>
          <Input.Password autoComplete="new-password" data-testid="field-password" />
        </Form.Item>
        <Form.Item name="role" label={t('sys.users.role')} rules={[required(t('sys.users.role'))]}>
          <Select data-testid="field-role" options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {(role === 'enterprise' || role === 'institution' || role === 'agency') && (
          <Form.Item name="organizationId" label={t('sys.users.organizationId')} extra={t('sys.users.organizationHint')} rules={[required(t('sys.users.organizationId'))]}>
            <OrganizationSelect />
          </Form.Item>
        )}
        {role === 'regulator' && (
          <>
            <Form.Item name="jurisdictionCode" label={t('sys.users.jurisdiction')} extra={t('common.region6')} rules={[required(t('sys.users.jurisdiction')), { pattern: /^\d{6}$/, message: t('common.region6') }]}>
              <Input inputMode="numeric" maxLength={6} />
            </Form.Item>
            <Form.Item name="regulatorLevel" label={t('sys.users.level')} rules={[required(t('sys.users.level'))]}>
              <Select options={REGULATOR_LEVELS.map((l) => ({ value: l, label: t(`sys.levels.${l}`) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="department" label={t('sys.users.department')} rules={[{ max: 100 }]}><Input /></Form.Item>
        <Form.Item name="email" label={t('sys.users.email')} rules={[{ type: 'email', message: t('sys.users.emailRule') }]}><Input type="email" /></Form.Item>
        <Form.Item name="phone" label={t('sys.users.phone')} rules={[{ max: 32 }]}><Input /></Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.busy} data-testid="create-user-submit">{t('sys.users.create')}</Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
