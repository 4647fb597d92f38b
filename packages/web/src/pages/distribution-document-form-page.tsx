import { DISTRIBUTION_DOCUMENT_KINDS, distributionDocumentInputSchema } from '@lianjian/core/records/distribution';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOptionalSession } from '../session/session-context.tsx';
import { clean, ComposedForm, filledRows, num, text, type FormState } from '../components/portal-forms/composed-form.tsx';

interface DistributionDocument { id: number; kind: string; number: string; supplierName: string; buyerName: string; eventLink: 'given' | 'document_number' | 'none'; lines: unknown[] }

/** Form text → `POST /api/distribution-documents` input. */
export function distributionDocumentInput({ values: v, rows }: FormState): Record<string, unknown> {
  const lines = filledRows(rows.lines).map((l) => clean({ productDi: text(l.productDi), lot: text(l.lot), serial: text(l.serial), quantity: num(l.quantity) }));
  return clean({
    kind: text(v.kind), number: text(v.number), supplierOrganizationId: num(v.supplierOrganizationId), buyerOrganizationId: num(v.buyerOrganizationId),
    documentDate: text(v.documentDate), deliveryDate: text(v.deliveryDate), contractNumber: text(v.contractNumber),
    shippingEventId: num(v.shippingEventId), receivingEventId: num(v.receivingEventId), note: text(v.note), lines: lines.length ? lines : undefined,
  });
}

function standIns(i: Record<string, unknown>): Record<string, unknown> {
  const lines = Array.isArray(i.lines) && i.lines.length ? i.lines : [{}];
  return {
    kind: 'delivery_note', number: '-', supplierOrganizationId: 999_999_998, buyerOrganizationId: 999_999_999, documentDate: '1900-01-01', ...i,
    lines: lines.map((l, n) => ({ productDi: `-${n}`, quantity: 1, ...(l as object) })),
  };
}

/** A purchase contract or delivery note between a supplier and a buyer, line by line (distributors, institutions, manufacturers). */
export default function DistributionDocumentFormPage() {
  const { t } = useTranslation();
  const user = useOptionalSession()?.user;
  const own = user?.organizationId ? String(user.organizationId) : '';
  return (
    <ComposedForm<DistributionDocument>
      title={t('pf.doc.title')} schema={distributionDocumentInputSchema} endpoint="/api/distribution-documents" testId="document-form"
      toInput={distributionDocumentInput} standIns={standIns}
      // Whoever records the document is one of its two parties: the buyer most often (a distributor or hospital filing what came in);
      // the picker shows the organisation's name, looked up by this id.
      initial={{ values: { kind: 'delivery_note', buyerOrganizationId: own } }}
      fields={[
        { name: 'kind', label: t('pf.doc.kind'), kind: 'select', span: 6, options: DISTRIBUTION_DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`pf.doc.kinds.${k}`) })) },
        { name: 'number', label: t('pf.doc.number'), span: 6 },
        { name: 'documentDate', label: t('pf.doc.documentDate'), kind: 'date', span: 6 },
        { name: 'deliveryDate', label: t('pf.doc.deliveryDate'), kind: 'date', span: 6 },
        { name: 'supplierOrganizationId', label: t('pf.doc.supplier'), kind: 'organization', span: 6 },
        { name: 'buyerOrganizationId', label: t('pf.doc.buyer'), kind: 'organization', span: 6 },
        { name: 'contractNumber', label: t('pf.doc.contractNumber'), span: 6 },
        { name: 'shippingEventId', label: t('pf.doc.shippingEventId'), kind: 'number', span: 3 },
        { name: 'receivingEventId', label: t('pf.doc.receivingEventId'), kind: 'number', span: 3 },
        { name: 'note', label: t('pf.doc.note'), kind: 'textarea', span: 24 },
      ]}
      tables={[{
        name: 'lines', label: t('pf.doc.lines'),
        columns: [
          { name: 'productDi', label: t('pf.batch.productDi'), width: 200 },
          { name: 'lot', label: t('pf.batch.lot'), width: 140 },
          { name: 'serial', label: t('pf.serial'), width: 140 },
          { name: 'quantity', label: t('pf.quantity'), kind: 'number', width: 120 },
        ],
      }]}
      done={(r) => (
        <Alert type="success" showIcon message={t('pf.doc.saved', { id: r.id, number: r.number, kind: t(`pf.doc.kinds.${r.kind}`), lines: r.lines.length })}
          description={t(`pf.doc.eventLinks.${r.eventLink}`)} />
      )}
    />
  );
}
