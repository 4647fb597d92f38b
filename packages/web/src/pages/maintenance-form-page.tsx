import { MAINTENANCE_RESULTS, maintenanceInputSchema } from '@lianjian/core/records/use-records';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { RecordForm } from '../components/record-form.tsx';

interface MaintenanceRecord { id: number; productName: string; serial: string; failure: boolean; result: string; downtimeHours: number }

const opt = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());

/** Form text → `POST /api/use-records/maintenance` input. */
export function maintenanceInput(v: Record<string, string>): Record<string, unknown> {
  const hours = opt(v.downtimeHours);
  const input = {
    udi: opt(v.udi), fault: opt(v.fault), startedOn: opt(v.startedOn), completedOn: opt(v.completedOn),
    downtimeHours: hours === undefined ? undefined : Number(hours), parts: (v.parts ?? '').split(/[,，;；\n]+/).map((p) => p.trim()).filter(Boolean),
    result: opt(v.result), technician: opt(v.technician),
  };
  return JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
}

/** Equipment maintenance and repair (institutions; core `maintenanceInputSchema`, issue 4 item 3). */
export default function MaintenanceFormPage() {
  const { t } = useTranslation();
  return (
    <RecordForm<MaintenanceRecord>
      title={t('records.maintenanceTitle')} schema={maintenanceInputSchema} endpoint="/api/use-records/maintenance" testId="maintenance-form"
      toInput={maintenanceInput}
      standIns={(i) => ({ udi: '(01)00000000000000(21)-', startedOn: (i.startedOn ?? i.completedOn ?? '2000-01-01') as string, result: i.fault === undefined ? 'serviced' : 'repaired', technician: '-' })}
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
