import { clinicalUseInputSchema } from '@lianjian/core/records/use-records';
import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { clean, ComposedForm, text, type FormState } from '../components/portal-forms/composed-form.tsx';

interface UseRecord { id: number; productName: string; operator: string; operatorTrained: boolean; usedOn: string }

/** Form text → `POST /api/use-records/uses` input (the patient by the platform's pseudonymous key, or left out). */
export function clinicalUseInput({ values: v }: FormState): Record<string, unknown> {
  return clean({ udi: text(v.udi), department: text(v.department), procedure: text(v.procedure), usedOn: text(v.usedOn), operator: text(v.operator), operatorId: text(v.operatorId), patientKey: text(v.patientKey) });
}

/** Stand-ins for what is still empty, so the date rules speak about a date that is typed (see issuesWhileTyping). */
function standIns(i: Record<string, unknown>): Record<string, unknown> {
  return { udi: '(01)00000000000000(10)-', department: '-', usedOn: '2000-01-01', operator: '-', ...i };
}

/**
 * Clinical use with its operator (core `clinicalUseInputSchema`). Whether the operator was trained
 * is never typed in: the server derives it from the training records and the answer shows it.
 */
export default function ClinicalUseFormPage() {
  const { t } = useTranslation();
  return (
    <ComposedForm<UseRecord>
      title={t('records.useTitle')} schema={clinicalUseInputSchema} endpoint="/api/use-records/uses" testId="use-form"
      toInput={clinicalUseInput} standIns={standIns}
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
