import { termText, type Locale } from '@lianjian/core/locales/index';
import { PATIENT_IDENTITY_REQUEST_STATUSES, type PatientIdentityRequestStatus } from '@lianjian/core/records/patient-identity-request';
import { App, Badge, Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query, type ListAnswer } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatInstant } from '../../format/time.ts';
import { ErrorState, LoadingState } from '../page-states.tsx';
import { RegionName } from '../region-name.tsx';
import { REQUESTS_API, type IdentityRequestView } from './identity-requests-api.ts';
import { ApproveRequestModal, DeclineRequestModal } from './request-decision.tsx';

type StatusFilter = PatientIdentityRequestStatus | 'all';

const STATUS_COLOURS: Record<PatientIdentityRequestStatus, string> = { pending: 'gold', approved: 'green', declined: 'red', withdrawn: 'default' };

/**
 * The privacy officer's queue of identity requests (pending first, by default) and their history
 * by status: who asks to see which patient and why; approve (a grant to the requester) or decline
 * with a reason.
 */
export function IdentityRequestsList({ pending }: { pending: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { message } = App.useApp();
  const [status, setStatus] = useState<StatusFilter>('pending');
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [approving, setApproving] = useState<IdentityRequestView | null>(null);
  const [declining, setDeclining] = useState<IdentityRequestView | null>(null);
  const list = useApi<ListAnswer<IdentityRequestView>>(`${REQUESTS_API}${query({ status: status === 'all' ? undefined : status, page: page.current, pageSize: page.pageSize })}`);
  const options = [...PATIENT_IDENTITY_REQUEST_STATUSES.map((s) => ({ value: s as StatusFilter, label: termText('identity_request_status', s, locale) })), { value: 'all' as StatusFilter, label: t('sys.privacy.requests.all') }];
  return (
    <Card size="small" data-testid="identity-requests-card"
      title={(
        <Space>
          {t('sys.privacy.requests.title')}
          {pending > 0 && <Badge count={pending} title={t('sys.privacy.requests.pendingCount', { count: pending })} data-testid="pending-count" />}
        </Space>
      )}
      extra={<Segmented<StatusFilter> value={status} options={options} data-testid="request-status-filter" onChange={(v) => { setStatus(v); setPage((p) => ({ ...p, current: 1 })); }} />}>
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending ? <LoadingState /> : (
        <Table<IdentityRequestView>
          rowKey="id" size="small" dataSource={list.data?.items ?? []} data-testid="identity-requests" scroll={{ x: true }}
          locale={{ emptyText: t(status === 'pending' ? 'sys.privacy.requests.empty' : 'sys.privacy.requests.emptyOther') }}
          pagination={{ ...page, total: list.data?.total ?? 0, showTotal: (total) => t('state.total', { total }), onChange: (current, pageSize) => setPage({ current, pageSize }) }}
          columns={[
            { title: t('sys.privacy.patientKey'), dataIndex: 'patientKey', render: (v: string) => <Typography.Text code copyable>{v}</Typography.Text> },
            {
              title: t('sys.privacy.requests.requester'), key: 'requester', render: (_: unknown, r) => (
                <Space direction="vertical" size={0}>
                  <span data-content>{`${r.requesterDisplayName} (${r.requesterUsername})`}</span>
                  <Typography.Text type="secondary">
                    {termText('role', r.requesterRole, locale)}
                    {' · '}
                    {r.requesterOrganizationName ? <span data-content>{r.requesterOrganizationName}</span> : <RegionName code={r.requesterJurisdictionCode} />}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('sys.privacy.purpose'), dataIndex: 'purpose', render: (v: string) => <span data-content>{v}</span> },
            { title: t('sys.privacy.requests.requestedAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
            { title: t('common.status'), dataIndex: 'status', render: (v: PatientIdentityRequestStatus) => <Tag color={STATUS_COLOURS[v]}>{termText('identity_request_status', v, locale)}</Tag> },
            {
              title: t('sys.privacy.requests.decision'), key: 'decision', render: (_: unknown, r) => r.decidedAt && (
                <Space direction="vertical" size={0}>
                  <span>{r.decidedByUsername && r.status !== 'withdrawn' ? t('sys.privacy.requests.decidedBy', { by: r.decidedByUsername, at: formatInstant(r.decidedAt) }) : t('sys.privacy.requests.decidedAt', { at: formatInstant(r.decidedAt) })}</span>
                  {r.grantId !== null && <span>{t('sys.privacy.requests.grantLine', { id: r.grantId, at: formatInstant(r.grantExpiresAt) })}</span>}
                  {r.decisionReason && <span data-content>{t('sys.privacy.requests.reasonLine', { reason: r.decisionReason })}</span>}
                </Space>
              ),
            },
            {
              title: t('common.actions'), key: 'actions', render: (_: unknown, r) => r.status === 'pending' && (
                <Space>
                  <Button size="small" type="primary" onClick={() => setApproving(r)} aria-label={t('sys.privacy.requests.approveNamed', { id: r.id })} data-testid={`approve-${r.id}`}>{t('sys.privacy.requests.approve')}</Button>
                  <Button size="small" danger onClick={() => setDeclining(r)} aria-label={t('sys.privacy.requests.declineNamed', { id: r.id })} data-testid={`decline-${r.id}`}>{t('sys.privacy.requests.decline')}</Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      {approving && (
        <ApproveRequestModal request={approving} onClose={() => setApproving(null)}
          onApproved={(grant) => {
            setApproving(null);
            void message.success(t('sys.privacy.requests.approved', { id: grant.id, expiresAt: formatInstant(grant.expiresAt) }));
          }} />
      )}
      {declining && (
        <DeclineRequestModal request={declining} onClose={() => setDeclining(null)}
          onDeclined={(r) => {
            setDeclining(null);
            void message.success(t('sys.privacy.requests.declinedDone', { id: r.id }));
          }} />
      )}
    </Card>
  );
}
