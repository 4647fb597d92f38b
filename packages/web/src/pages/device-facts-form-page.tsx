import { deviceManagementFactsSchema } from '@lianjian/core/records/use-records';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { clean, ComposedForm, text, type FormState } from '../components/portal-forms/composed-form.tsx';
import { formatInstant } from '../format/time.ts';

interface Facts { id: number; managementSystem: boolean; responsiblePerson: string; updatedAt: string }

/** Form text → `PUT /api/use-records/device-facts` input. */
export function deviceFactsInput({ values: v }: FormState): Record<string, unknown> {
  return clean({
    managementSystem: v.managementSystem === 'true' ? true : v.managementSystem === 'false' ? false : undefined,
    systemDocument: text(v.systemDocument), responsiblePerson: text(v.responsiblePerson), responsiblePhone: text(v.responsiblePhone),
  });
}

/** The institution's device-management facts (管理制度, the responsible person): a new statement replaces the current one. */
export default function DeviceFactsFormPage() {
  const { t } = useTranslation();
  return (
    <ComposedForm<Facts>
      title={t('pf.facts.title')} schema={deviceManagementFactsSchema} endpoint="/api/use-records/device-facts" method="PUT" testId="facts-form"
      toInput={deviceFactsInput}
      standIns={(i) => ({ managementSystem: true, responsiblePerson: '-', ...i })}
      fields={[
        { name: 'managementSystem', label: t('pf.facts.managementSystem'), kind: 'select', span: 8, options: [{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }] },
        { name: 'systemDocument', label: t('pf.facts.systemDocument'), span: 16 },
        { name: 'responsiblePerson', label: t('pf.facts.responsiblePerson'), span: 12 },
        { name: 'responsiblePhone', label: t('pf.facts.responsiblePhone'), span: 12 },
      ]}
      done={(r) => <Alert type="success" showIcon message={t('pf.facts.saved', { at: formatInstant(r.updatedAt) })} />}
    />
  );
}
