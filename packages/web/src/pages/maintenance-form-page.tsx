import { MAINTENANCE_RESULTS, maintenanceInputSchema } from '@lianjian/core/records/use-records';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { clean, ComposedForm, text, type FormState } from '../components/portal-forms/composed-form.tsx';

interface MaintenanceRecord { id: number; productName: string; serial: string; failure: boolean; result: string; downtimeHours: number }

/** Form text → `POST /api/use-records/maintenance` input. */
export function maintenanceInput({ values: v }: FormState): Record<string, unknown> {
  const hours = text(v.downtimeHours);
  return clean({
    udi: text(v.udi), fault: text(v.fault), startedOn: text(v.startedOn), completedOn: text(v.completedOn),
    downtimeHours: hours === undefined ? undefined : Number(hours), parts: (v.parts ?? '').split(/[,，;；\n]+/).map((p) => p.trim()).filter(Boolean),
    result: text(v.result), technician: text(v.technician),
  });
}

/**
 * Stand-ins for what is still empty (see issuesWhileTyping): the start defaults to the completion so
 * only a typed pair is compared, and a typed fault makes the stand-in result one that needs a fault.
 */
function standIns(i: Record<string, unknown>): Record<string, unknown> {
  return { udi: '(01)00000000000000(21)-', startedOn: i.completedOn ?? '2000-01-01', result: i.fault === undefined ? 'serviced' : 'repaired', technician: '-', ...i };
}

/** Equipment maintenance and repair (institutions; core `maintenanceInputSchema`, issue 4 item 3). */
export default function MaintenanceFormPage() {
  const { t } = useTranslation();
  return (
    <ComposedForm<MaintenanceRecord>
      title={t('records.maintenanceTitle')} schema={maintenanceInputSchema} endpoint="/api/use-records/maintenance" testId="maintenance-form"
      toInput={maintenanceInput} standIns={standIns}
      fields={[
        { name: 'udi', label: t('records.equipmentUdi'), placeholder: t('scan.hint'), span: 24 },
        { name: 'startedOn', label: t('records.startedOn'), kind: 'date', span: 6 },
        { name: 'completedOn', label: t('records.completedOn'), kind: 'date', span: 6 },
        { name: 'downtimeHours', label: t('records.downtimeHours'), kind: 'number', span: 6 },
        { name: 'result', label: t('records.result'), kind: 'select', span: 6, options: MAINTENANCE_RESULTS.map((r) => ({ value: r, label: t(`records.results.${r}`) })) },
        { name: 'fault', label: t('records.fault'), kind: 'textarea', span: 24 },
        { name: 'parts', label: t('records.parts'), span: 12 },
        { name: 'technician', label: t('records.technician'), span: 12 },
      ]}
      done={(r) => <Alert type="success" showIcon message={t('records.maintenanceSaved', { id: r.id, hours: r.downtimeHours })} description={r.failure ? t('records.failureCounted') : undefined} />}
    />
  );
}
