import { DISPOSAL_METHODS, disposalInputSchema } from '@lianjian/core/records/use-records';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { clean, ComposedForm, num, text, type FormState } from '../components/portal-forms/composed-form.tsx';

interface Disposal { id: number; productName: string; quantity: number; method: string }

/** Form text → `POST /api/use-records/disposals` input (the device by its UDI, or by DI with lot / serial). */
export function disposalInput({ values: v }: FormState): Record<string, unknown> {
  return clean({
    udi: text(v.udi), productDi: text(v.productDi), lot: text(v.lot), serial: text(v.serial), quantity: num(v.quantity),
    disposedOn: text(v.disposedOn), method: text(v.method), reason: text(v.reason), eventId: num(v.eventId),
  });
}

/** The disposal of devices (institutions): how, when, why. */
export default function DisposalFormPage() {
  const { t } = useTranslation();
  return (
    <ComposedForm<Disposal>
      title={t('pf.disposal.title')} schema={disposalInputSchema} endpoint="/api/use-records/disposals" testId="disposal-form"
      toInput={disposalInput}
      standIns={(i) => ({ disposedOn: '2000-01-01', method: 'other', reason: '-', ...(i.udi === undefined && i.productDi === undefined && { productDi: '-' }), ...i })}
      fields={[
        { name: 'udi', label: t('ae.form.udi'), placeholder: t('scan.hint'), span: 24 },
        { name: 'productDi', label: t('pf.batch.productDi'), span: 8 },
        { name: 'lot', label: t('pf.batch.lot'), span: 8 },
        { name: 'serial', label: t('pf.serial'), span: 8 },
        { name: 'quantity', label: t('pf.quantity'), kind: 'number', span: 6 },
        { name: 'disposedOn', label: t('pf.disposal.disposedOn'), kind: 'date', span: 6 },
        { name: 'method', label: t('pf.disposal.method'), kind: 'select', span: 6, options: DISPOSAL_METHODS.map((m) => ({ value: m, label: t(`pf.disposal.methods.${m}`) })) },
        { name: 'eventId', label: t('pf.disposal.eventId'), kind: 'number', span: 6 },
        { name: 'reason', label: t('submission.reason'), kind: 'textarea', span: 24 },
      ]}
      done={(r) => <Alert type="success" showIcon message={t('pf.disposal.saved', { id: r.id, product: r.productName, quantity: r.quantity, method: t(`pf.disposal.methods.${r.method}`) })} />}
    />
  );
}
