import { receivingAcceptanceInputSchema } from '@lianjian/core/records/distribution';
import { RECEIPT_CONDITIONS } from '@lianjian/core/records/submissions';
import { Alert, List } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ListAnswer } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { clean, ComposedForm, filledRows, num, shanghai, text, type FormState } from '../components/portal-forms/composed-form.tsx';

interface DeliveryNote { id: number; number: string; supplierName: string; documentDate: string }
interface Acceptance {
  id: number; accepted: boolean; discrepancy: boolean; deliveryNoteNumber: string | null;
  discrepancies: { productDi: string; lot: string | null; expected: number; checked: number; difference: number }[];
}

/** Form text → `POST /api/receiving-acceptances` input (each line what the inspector counted). */
export function receivingAcceptanceInput({ values: v, rows }: FormState): Record<string, unknown> {
  const lines = filledRows(rows.lines).map((l) => clean({ productDi: text(l.productDi), lot: text(l.lot), serial: text(l.serial), checkedQuantity: num(l.checkedQuantity) }));
  return clean({
    deliveryNoteId: num(v.deliveryNoteId), receivingEventId: num(v.receivingEventId), receivedAt: shanghai(v.receivedAt), inspector: text(v.inspector),
    condition: text(v.condition), temperatureC: num(v.temperatureC), accepted: v.accepted === '' || v.accepted === undefined ? undefined : v.accepted === 'true',
    reason: text(v.reason), lines: lines.length ? lines : undefined,
  });
}

function standIns(i: Record<string, unknown>): Record<string, unknown> {
  const lines = Array.isArray(i.lines) && i.lines.length ? i.lines : [{}];
  return {
    receivedAt: '2000-01-01T00:00:00+08:00', inspector: '-', accepted: false, reason: '-', ...i,
    lines: lines.map((l, n) => ({ productDi: `-${n}`, checkedQuantity: 1, ...(l as object) })),
  };
}

/** The receiving acceptance (验收) of a delivery, line by line as counted; the server compares it with the delivery note. */
export default function ReceivingAcceptanceFormPage() {
  const { t } = useTranslation();
  const notes = useApi<ListAnswer<DeliveryNote>>('/api/distribution-documents?kind=delivery_note&pageSize=100&sort=-id');
  return (
    <ComposedForm<Acceptance>
      title={t('pf.acc.title')} schema={receivingAcceptanceInputSchema} endpoint="/api/receiving-acceptances" testId="acceptance-form"
      toInput={receivingAcceptanceInput} standIns={standIns}
      initial={{ values: { condition: 'good', accepted: 'true' } }}
      fields={[
        { name: 'deliveryNoteId', label: t('pf.acc.deliveryNote'), kind: 'select', span: 12, options: (notes.data?.items ?? []).map((d) => ({ value: String(d.id), label: `${d.number} · ${d.supplierName} · ${d.documentDate}` })) },
        { name: 'receivingEventId', label: t('pf.doc.receivingEventId'), kind: 'number', span: 6 },
        { name: 'receivedAt', label: t('pf.acc.receivedAt'), kind: 'datetime', span: 6 },
        { name: 'inspector', label: t('pf.release.inspector'), span: 6 },
        { name: 'condition', label: t('submission.condition'), kind: 'select', span: 6, options: RECEIPT_CONDITIONS.map((c) => ({ value: c, label: t(`pf.acc.conditions.${c}`) })) },
        { name: 'temperatureC', label: t('pf.acc.temperatureC'), kind: 'number', span: 6 },
        { name: 'accepted', label: t('submission.accepted'), kind: 'select', span: 6, options: [{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }] },
        { name: 'reason', label: t('submission.reason'), kind: 'textarea', span: 24 },
      ]}
      tables={[{
        name: 'lines', label: t('pf.acc.lines'),
        columns: [
          { name: 'productDi', label: t('pf.batch.productDi'), width: 200 },
          { name: 'lot', label: t('pf.batch.lot'), width: 140 },
          { name: 'serial', label: t('pf.serial'), width: 140 },
          { name: 'checkedQuantity', label: t('pf.acc.checkedQuantity'), kind: 'number', width: 140 },
        ],
      }]}
      done={(r) => (
        <Alert type={r.discrepancy ? 'warning' : 'success'} showIcon data-testid="acceptance-result"
          message={t(r.discrepancy ? 'pf.acc.savedWithDiscrepancy' : 'pf.acc.saved', { id: r.id, note: r.deliveryNoteNumber ?? '-' })}
          description={r.discrepancies.length ? (
            <List size="small" dataSource={r.discrepancies} renderItem={(d) => (
              <List.Item>{t('pf.acc.discrepancy', { di: d.productDi, lot: d.lot ?? '-', expected: d.expected, checked: d.checked, difference: d.difference })}</List.Item>
            )} />
          ) : undefined} />
      )}
    />
  );
}
