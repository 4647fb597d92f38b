import { App, Button, Card, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query, type ListAnswer } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { useAction } from '../components/admin/use-action.ts';
import { ErrorState, LoadingState } from '../components/page-states.tsx';
import { GrantForm } from '../components/privacy/grant-form.tsx';
import { PENDING_COUNT_API } from '../components/privacy/identity-requests-api.ts';
import { IdentityRequestsList } from '../components/privacy/identity-requests-list.tsx';
import { formatInstant } from '../format/time.ts';

interface Grant {
  id: number; patientKey: string; granteeUserId: number; granteeUsername: string; purpose: string; expiresAt: string; grantedBy: number; grantedByUsername: string;
  createdAt: string; revokedAt: string | null; active: boolean;
}

/**
 * Patient-identity grants (privacy officer): who may see which patient unmasked, why, until when;
 * the investigators' requests to decide (first on the page when some wait as it opens), grant and revoke.
 */
export default function PrivacyGrantsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pending = useApi<{ pending: number }>(PENDING_COUNT_API);
  const waiting = pending.data?.pending ?? 0;
  // Where the requests go is settled once, as the page opens: deciding the last one must not move the page under the cursor.
  const [requestsFirst, setRequestsFirst] = useState<boolean | null>(null);
  if (requestsFirst === null && pending.data) setRequestsFirst(waiting > 0);
  const [active, setActive] = useState<'true' | 'false' | 'all'>('true');
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const list = useApi<ListAnswer<Grant>>(`/api/patient-identity-grants${query({ active: active === 'all' ? undefined : active, page: page.current, pageSize: page.pageSize })}`);
  const revoke = useAction((id: number) => api<Grant>(`/api/patient-identity-grants/${id}`, { method: 'DELETE' }), ['/api/patient-identity-grants']);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('sys.privacy.title')}</Typography.Title>
      {/* One keyed list, so the requests keep their filter and page wherever they stand. */}
      {[
        ...(requestsFirst ? [<IdentityRequestsList key="requests" pending={waiting} />] : []),
        <Card key="grant" size="small" title={t('sys.privacy.grant')}>
          <GrantForm onGranted={(g) => void message.success(t('sys.privacy.granted', { id: g.id }))} />
        </Card>,
        <Card key="grants" size="small" title={t('sys.privacy.list')} extra={<Segmented<'true' | 'false' | 'all'> value={active} onChange={(v) => { setActive(v); setPage((p) => ({ ...p, current: 1 })); }} options={[{ value: 'true', label: t('sys.privacy.activeOnly') }, { value: 'false', label: t('sys.privacy.ended') }, { value: 'all', label: t('sys.privacy.all') }]} />}>
          {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
          {revoke.error !== null && <ErrorState error={revoke.error} />}
          {list.isPending ? <LoadingState /> : (
            <Table<Grant>
              rowKey="id" size="small" dataSource={list.data?.items ?? []} data-testid="grants" scroll={{ x: true }}
              locale={{ emptyText: t('sys.privacy.empty') }}
              pagination={{ ...page, total: list.data?.total ?? 0, showTotal: (total) => t('state.total', { total }), onChange: (current, pageSize) => setPage({ current, pageSize }) }}
              columns={[
                { title: t('sys.privacy.patientKey'), dataIndex: 'patientKey', render: (v: string) => <Typography.Text code copyable>{v}</Typography.Text> },
                { title: t('sys.privacy.grantee'), key: 'grantee', render: (_: unknown, r) => <span data-content>{r.granteeUsername} (#{r.granteeUserId})</span> },
                { title: t('sys.privacy.purpose'), dataIndex: 'purpose', render: (v: string) => <span data-content>{v}</span> },
                { title: t('sys.privacy.expiresAt'), dataIndex: 'expiresAt', render: (v: string) => formatInstant(v) },
                { title: t('sys.privacy.grantedBy'), dataIndex: 'grantedByUsername', render: (v: string) => <span data-content>{v}</span> },
                { title: t('common.status'), key: 'status', render: (_: unknown, r) => (r.active ? <Tag color="green">{t('sys.privacy.active')}</Tag> : r.revokedAt ? <Tag>{t('sys.privacy.revokedAt', { at: formatInstant(r.revokedAt) })}</Tag> : <Tag>{t('sys.privacy.expired')}</Tag>) },
                {
                  title: t('common.actions'), key: 'actions', render: (_: unknown, r) => r.active && (
                    <Popconfirm title={t('sys.privacy.revokeConfirm', { user: r.granteeUsername, key: r.patientKey })} okText={t('common.confirm')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => revoke.run(r.id)}>
                      <Button size="small" danger aria-label={t('sys.privacy.revokeNamed', { id: r.id })}>{t('sys.privacy.revoke')}</Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          )}
        </Card>,
        ...(requestsFirst ? [] : [<IdentityRequestsList key="requests" pending={waiting} />]),
      ]}
    </Space>
  );
}
