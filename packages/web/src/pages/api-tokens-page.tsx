import { Alert, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query, type ListAnswer } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { REGULATOR_LEVELS } from '../components/admin/create-user-form.tsx';
import { OrganizationSelect } from '../components/admin/organization-select.tsx';
import { useServerFieldErrors } from '../components/admin/server-fields.ts';
import { useAction } from '../components/admin/use-action.ts';
import { useFieldLabels } from '../components/form-issues.ts';
import { ErrorState, LoadingState } from '../components/page-states.tsx';
import { formatInstant } from '../format/time.ts';

interface TokenRow {
  id: number; name: string; tokenPrefix: string; role: string; organizationId: number | null; organizationName: string | null; jurisdictionCode: string | null;
  regulatorLevel: string | null; createdAt: string; expiresAt: string | null; revokedAt: string | null; lastUsedAt: string | null;
}
interface TokenValues { name: string; organizationId: number; jurisdictionCode?: string; regulatorLevel?: string; expiresAt?: Dayjs | null }

/** The POST body of a new token (empty optional fields left out; expiry as an instant). */
export function tokenInput(v: TokenValues): Record<string, unknown> {
  return {
    name: v.name.trim(), organizationId: v.organizationId,
    ...(v.jurisdictionCode?.trim() && { jurisdictionCode: v.jurisdictionCode.trim() }),
    ...(v.regulatorLevel && { regulatorLevel: v.regulatorLevel }),
    // The end of the chosen day in Shanghai, whatever the browser's zone.
    ...(v.expiresAt && { expiresAt: `${v.expiresAt.format('YYYY-MM-DD')}T23:59:59+08:00` }),
  };
}

/** API tokens (system admin): an organisation's system-to-system key; its secret is shown once, at creation. */
export default function ApiTokensPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const list = useApi<ListAnswer<TokenRow>>(`/api/api-tokens${query({ page: page.current, pageSize: page.pageSize })}`);
  const revoke = useAction(async (id: number) => {
    await api(`/api/api-tokens/${id}`, { method: 'DELETE' });
    return true;
  }, ['/api/api-tokens']);
  return (
    <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{t('sys.tokens.title')}</Typography.Title>} extra={<Button type="primary" onClick={() => setCreating(true)}>{t('sys.tokens.create')}</Button>}>
      <Typography.Paragraph type="secondary">{t('sys.tokens.hint')}</Typography.Paragraph>
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {revoke.error !== null && <ErrorState error={revoke.error} />}
      {list.isPending ? <LoadingState /> : (
        <Table<TokenRow>
          rowKey="id" size="small" dataSource={list.data?.items ?? []} data-testid="tokens"
          locale={{ emptyText: t('sys.tokens.empty') }}
          pagination={{ ...page, total: list.data?.total ?? 0, showTotal: (total) => t('state.total', { total }), onChange: (current, pageSize) => setPage({ current, pageSize }) }}
          columns={[
            { title: t('common.name'), dataIndex: 'name', render: (v: string) => <span data-content>{v}</span> },
            { title: t('sys.tokens.prefix'), dataIndex: 'tokenPrefix', render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
            { title: t('sys.users.organization'), dataIndex: 'organizationName', render: (v: string | null) => <span data-content>{v ?? '—'}</span> },
            { title: t('sys.tokens.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => (v ? formatInstant(v) : t('sys.tokens.never')) },
            { title: t('sys.tokens.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => formatInstant(v) },
            { title: t('common.status'), key: 'status', render: (_: unknown, r) => (r.revokedAt ? <Tag>{t('sys.tokens.revokedAt', { at: formatInstant(r.revokedAt) })}</Tag> : <Tag color="green">{t('sys.tokens.active')}</Tag>) },
            {
              title: t('common.actions'), key: 'actions', render: (_: unknown, r) => !r.revokedAt && (
                <Popconfirm title={t('sys.tokens.revokeConfirm', { name: r.name })} okText={t('common.confirm')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => revoke.run(r.id)}>
                  <Button size="small" danger aria-label={t('sys.tokens.revokeNamed', { name: r.name })}>{t('sys.tokens.revoke')}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
      <CreateTokenModal open={creating} onClose={() => setCreating(false)} onCreated={(token) => { setCreating(false); setSecret(token); }} />
      <Modal open={secret !== null} title={t('sys.tokens.secretTitle')} onCancel={() => setSecret(null)} footer={<Button type="primary" onClick={() => setSecret(null)}>{t('sys.tokens.secretSaved')}</Button>}>
        <Alert type="warning" showIcon message={t('sys.tokens.secretOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: secret ?? '', tooltips: [t('sys.copy'), t('sys.copied')] }} code data-testid="token-secret">{secret}</Typography.Paragraph>
      </Modal>
    </Card>
  );
}

function CreateTokenModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (token: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TokenValues>();
  const fieldLabel = useFieldLabels({
    name: t('common.name'), organizationId: t('sys.users.organization'), jurisdictionCode: t('sys.users.jurisdiction'), regulatorLevel: t('sys.users.level'), expiresAt: t('sys.tokens.expiresAt'),
  });
  const showErrors = useServerFieldErrors(form, ['name', 'organizationId', 'jurisdictionCode', 'regulatorLevel', 'expiresAt'], fieldLabel, open);
  const save = useAction((body: Record<string, unknown>) => api<{ token: string }>('/api/api-tokens', { body }), ['/api/api-tokens'], showErrors);
  const submit = async (v: TokenValues) => {
    const r = await save.run(tokenInput(v));
    if (r) {
      form.resetFields();
      onCreated(r.token);
    }
  };
  return (
    <Modal open={open} title={t('sys.tokens.create')} onCancel={onClose} footer={null} destroyOnHidden>
      {save.error !== null && <ErrorState error={save.error} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} aria-label={t('sys.tokens.create')}>
        <Form.Item name="name" label={t('common.name')} extra={t('sys.tokens.nameHint')} rules={[{ required: true, message: t('login.required', { field: t('common.name') }) }, { max: 100 }]}><Input /></Form.Item>
        <Form.Item name="organizationId" label={t('sys.users.organization')} rules={[{ required: true, message: t('login.required', { field: t('sys.users.organization') }) }]}><OrganizationSelect /></Form.Item>
        <Form.Item name="jurisdictionCode" label={t('sys.users.jurisdiction')} extra={t('sys.tokens.jurisdictionHint')} rules={[{ pattern: /^\d{6}$/, message: t('common.region6') }]}><Input inputMode="numeric" maxLength={6} /></Form.Item>
        <Form.Item name="regulatorLevel" label={t('sys.users.level')}><Select allowClear options={REGULATOR_LEVELS.map((l) => ({ value: l, label: t(`sys.levels.${l}`) }))} /></Form.Item>
        <Form.Item name="expiresAt" label={t('sys.tokens.expiresAt')} extra={t('sys.tokens.expiresHint')}><DatePicker /></Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.busy}>{t('sys.tokens.create')}</Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
