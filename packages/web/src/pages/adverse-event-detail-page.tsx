import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AdverseEventReport } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { DeadlineTag } from '../components/deadline-status.tsx';
import { InvestigationDueTag } from '../components/investigation-due.tsx';
import { PatientCard, type ReportPatient } from '../components/privacy/patient-card.tsx';
import { ErrorState, LoadingState } from '../components/page-states.tsx';
import { formatInstant } from '../format/time.ts';
import { useOptionalSession } from '../session/session-context.tsx';

interface ReportDetail extends AdverseEventReport {
  manifestation: string;
  patientKey: string;
  patient: ReportPatient;
  investigation: { status: 'none' | 'in_progress' | 'final'; dueAt: string | null; overdue: boolean; late: boolean; lateByHours: number; latest: { filedAt: string } | null };
}

/** One report as the deadlines page links to it: the event, its reporting clock and the registrant's investigation (an audited read). */
export default function AdverseEventDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const user = useOptionalSession()?.user;
  const report = useApi<ReportDetail>(`/api/adverse-events/${id}`);
  if (report.isPending) return <LoadingState />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  const inv = r.investigation;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="ae-detail">
      <Typography.Title level={3} style={{ margin: 0 }}>{`${t('ae.title')} ${r.reportNo}`}</Typography.Title>
      <Card size="small">
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t('ae.product')}>{`${r.productName} (${r.productDi}${r.lot ? ` / ${r.lot}` : ''})`}</Descriptions.Item>
          <Descriptions.Item label={t('ae.reporter')}>{r.reporterOrganizationName}</Descriptions.Item>
          <Descriptions.Item label={t('ae.outcome')}>{t(`ae.outcomes.${r.outcome}`)}</Descriptions.Item>
          <Descriptions.Item label={t('ae.eventDate')}>{r.eventDate}</Descriptions.Item>
          <Descriptions.Item label={t('ae.dateKnown')}>{r.dateKnown}</Descriptions.Item>
          <Descriptions.Item label={t('ae.deadline')}>{formatInstant(r.deadline)} <DeadlineTag report={r} /></Descriptions.Item>
          <Descriptions.Item label={t('ae.form.manifestation')} span={2}>{r.manifestation}</Descriptions.Item>
        </Descriptions>
      </Card>
      <PatientCard key={r.patientKey} patientKey={r.patientKey} patient={r.patient} reportNo={r.reportNo} />
      <Card size="small" title={t('portal.investigations.status')}
        // Only the registration holder files; the server refuses anyone else anyway.
        extra={user?.organizationId === r.registrantOrganizationId ? <Link to={`/adverse-events/${r.id}/investigation`}><Button type="primary" size="small" data-testid="file-investigation">{t('pf.inv.file')}</Button></Link> : undefined}>
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t('portal.investigations.status')}>{t(`portal.investigations.statuses.${inv.status}`)}</Descriptions.Item>
          <Descriptions.Item label={t('portal.investigations.due')}>
            {formatInstant(inv.dueAt)} {inv.dueAt && inv.status !== 'final' && <InvestigationDueTag dueAt={inv.dueAt} />}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}
