import { clinicalUseInputSchema } from '@lianjian/core/records/use-records';
import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { RecordForm } from '../components/record-form.tsx';

interface UseRecord { id: number; productName: string; operator: string; operatorTrained: boolean; usedOn: string }

const opt = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());

/** Form text → `POST /api/use-records/uses` input (the patient by the platform's pseudonymous key, or left out). */
export function clinicalUseInput(v: Record<string, string>): Record<string, unknown> {
  const input = { udi: opt(v.udi), department: opt(v.department), procedure: opt(v.procedure), usedOn: opt(v.usedOn), operator: opt(v.operator), operatorId: opt(v.operatorId), patientKey: opt(v.patientKey) };
  return JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
}

/**
 * Clinical use with its operator (core `clinicalUseInputSchema`). Whether the operator was trained
 * is never typed in: the server derives it from the training records and the answer shows it.
 */
export default function ClinicalUseFormPage() {
  const { t } = useTranslation();
  return (
    <RecordForm<UseRecord>
      title={t('records.useTitle')} schema={clinicalUseInputSchema} endpoint="/api/use-records/uses" testId="use-form"
      toInput={clinicalUseInput}
      standIns={(i) => ({ udi: '(01)00000000000000(10)-', department: '-', usedOn: (i.usedOn ?? '2000-01-01') as string, operator: '-' })}
      fields={[
        { name: 'udi', label: t('ae.form.udi'), placeholder: t('scan.hint'), span: 24 },
        { name: 'usedOn', label: t('records.usedOn'), kind: 'date', span: 6 },
        { name: 'department', label: t('submission.department'), span: 9 },
        { name: 'procedure', label: t('submission.procedure'), span: 9 },
        { name: 'operator', label: t('records.operator'), span: 8 },
        { name: 'operatorId', label: t('records.operatorId'), span: 6 },
        { name: 'patientKey', label: t('submission.patientKey'), span: 10 },
      ]}
      done={(r) => (
        <Alert type={r.operatorTrained ? 'success' : 'warning'} showIcon
          message={<>{t('records.useSaved', { id: r.id })} <Tag color={r.operatorTrained ? 'green' : 'red'} data-testid="operator-trained">{t(r.operatorTrained ? 'records.trained' : 'records.untrained', { operator: r.operator })}</Tag></>}
          description={r.operatorTrained ? undefined : t('records.untrainedHint')} />
      )}
    />
  );
}
