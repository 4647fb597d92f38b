import { trainingInputSchema } from '@lianjian/core/records/use-records';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { clean, ComposedForm, text, type FormState } from '../components/portal-forms/composed-form.tsx';

interface Training { id: number; operator: string; validUntil: string }

/** Form text → `POST /api/use-records/trainings` input. */
export function trainingInput({ values: v }: FormState): Record<string, unknown> {
  return clean({
    operator: text(v.operator), operatorId: text(v.operatorId), deviceKind: text(v.deviceKind), productDi: text(v.productDi),
    trainedOn: text(v.trainedOn), trainer: text(v.trainer), validUntil: text(v.validUntil), certificateNo: text(v.certificateNo),
  });
}

/** An operator's training on a device type or one product (institutions); it makes later uses by that operator count as trained. */
export default function TrainingFormPage() {
  const { t } = useTranslation();
  return (
    <ComposedForm<Training>
      title={t('pf.training.title')} schema={trainingInputSchema} endpoint="/api/use-records/trainings" testId="training-form"
      toInput={trainingInput}
      standIns={(i) => ({ operator: '-', trainer: '-', trainedOn: '1900-01-01', validUntil: '2999-12-31', ...(i.deviceKind === undefined && i.productDi === undefined && { deviceKind: 'stand_in' }), ...i })}
      fields={[
        { name: 'operator', label: t('records.operator'), span: 8 },
        { name: 'operatorId', label: t('pf.training.operatorId'), span: 8 },
        { name: 'trainer', label: t('pf.training.trainer'), span: 8 },
        { name: 'deviceKind', label: t('pf.training.deviceKind'), placeholder: 'infusion_pump', span: 12 },
        { name: 'productDi', label: t('pf.batch.productDi'), span: 12 },
        { name: 'trainedOn', label: t('pf.training.trainedOn'), kind: 'date', span: 8 },
        { name: 'validUntil', label: t('pf.training.validUntil'), kind: 'date', span: 8 },
        { name: 'certificateNo', label: t('pf.training.certificateNo'), span: 8 },
      ]}
      done={(r) => <Alert type="success" showIcon message={t('pf.training.saved', { id: r.id, operator: r.operator, validUntil: r.validUntil })} />}
    />
  );
}
