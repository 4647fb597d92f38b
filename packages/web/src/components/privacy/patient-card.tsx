import { roleMay } from '@lianjian/core/auth/permissions';
import { Alert, Button, Card, Descriptions, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { formatInstant } from '../../format/time.ts';
import { useOptionalSession } from '../../session/session-context.tsx';
import { useAction } from '../admin/use-action.ts';
import { ErrorState } from '../page-states.tsx';
import { IdentityRequestState, RequestIdentityModal, summaryOf } from './identity-request.tsx';
import type { IdentityRequestSummary, IdentityRequestView } from './identity-requests-api.ts';

export interface ReportPatient { nameMasked: string; idNumberMasked: string | null; sex: 'male' | 'female' | 'unknown' | null; age: number | null }

/** `GET /api/patients/{key}/identity`: masked unless the caller holds a live grant for this patient. */
interface PatientIdentity {
  patientKey: string; masked: boolean; name: string; idNumber: string | null; birthDate: string | null;
  grant: { id: number; purpose: string; expiresAt: string } | null;
  /** Only masked, for a caller who may ask: their newest request to see this patient, whatever became of it. */
  request?: IdentityRequestSummary | null;
}

/**
 * The patient a record names: masked identity, sex and age, and the pseudonymous key. "Show
 * identity" is a read the server audits, so it happens on a click, never on load; without a live
 * grant it stays masked, and a caller who may ask sees where their request stands: ask a privacy
 * officer (for a purpose prefilled from `reportNo`), wait or withdraw, or ask again after a decline
 * or once an approved grant has ended.
 */
export function PatientCard({ patientKey, patient, reportNo }: { patientKey: string; patient: ReportPatient; reportNo?: string }) {
  const { t } = useTranslation();
  const role = useOptionalSession()?.user?.role ?? '';
  const mayAsk = roleMay(role, 'patient_identity.request');
  const reveal = useAction(() => api<PatientIdentity>(`/api/patients/${encodeURIComponent(patientKey)}/identity`));
  const [shown, setShown] = useState<PatientIdentity | null>(null);
  const [asking, setAsking] = useState(false);
  const show = async () => {
    const identity = await reveal.run();
    if (identity) setShown(identity);
  };
  // A request sent or withdrawn here changes what the card says at once, without another audited read.
  const asked = (r: IdentityRequestView) => setShown((old) => old && { ...old, request: summaryOf(r) });
  return (
    <Card size="small" title={t('ae.patient.title')} data-testid="patient-card"
      extra={roleMay(role, 'patient_identity.read') && !shown && (
        <Button size="small" loading={reveal.busy} onClick={() => void show()} data-testid="show-identity">{t('ae.patient.show')}</Button>
      )}>
      {reveal.error !== null && <ErrorState error={reveal.error} />}
      <Descriptions column={2} size="small">
        <Descriptions.Item label={t('ae.patient.key')}><Typography.Text code copyable data-testid="patient-key">{patientKey}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('ae.form.patientName')}><span data-testid="patient-name">{shown && !shown.masked ? shown.name : patient.nameMasked}</span></Descriptions.Item>
        <Descriptions.Item label={t('ae.form.idNumber')}>{(shown && !shown.masked ? shown.idNumber : patient.idNumberMasked) ?? '—'}</Descriptions.Item>
        {shown && !shown.masked && <Descriptions.Item label={t('ae.form.birthDate')}>{shown.birthDate ?? '—'}</Descriptions.Item>}
        <Descriptions.Item label={t('ae.form.sex')}>{patient.sex ? t(`ae.form.sexes.${patient.sex}`) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ae.patient.age')}>{patient.age === null ? '—' : t('ae.patient.years', { age: patient.age })}</Descriptions.Item>
      </Descriptions>
      {shown && (shown.masked
        ? <Alert type="info" showIcon style={{ marginTop: 8 }} message={t(mayAsk ? 'sys.privacy.request.noGrant' : 'ae.patient.noGrant')} data-testid="identity-masked" />
        : <Alert type="warning" showIcon style={{ marginTop: 8 }} message={t('ae.patient.unmasked', { purpose: shown.grant?.purpose ?? '', expiresAt: formatInstant(shown.grant?.expiresAt ?? null) })} data-testid="identity-unmasked" />)}
      {shown?.masked && mayAsk && <IdentityRequestState request={shown.request ?? null} onAsk={() => setAsking(true)} onWithdrawn={asked} onStale={() => void show()} />}
      {asking && (
        <RequestIdentityModal patientKey={patientKey} reportNo={reportNo} onClose={() => setAsking(false)} onStale={() => void show()}
          onRequested={(r) => {
            asked(r);
            setAsking(false);
          }} />
      )}
    </Card>
  );
}
