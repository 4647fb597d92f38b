import { INSPECTION_RESULTS, MATERIAL_KINDS, materialReceiptInputSchema, QUALIFICATION_KINDS } from '@lianjian/core/records/production';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { clean, ComposedForm, filledRows, num, text, type FormState } from '../components/portal-forms/composed-form.tsx';
import { standInItems, testItemInput, testItemsTable } from '../components/portal-forms/test-items.tsx';

interface Receipt { id: number; materialLot: string; material: { name: string }; incomingInspection: { result: string } }

/** Form text → `POST /api/material-receipts` input. */
export function materialReceiptInput({ values: v, rows }: FormState): Record<string, unknown> {
  const items = filledRows(rows['incomingInspection.items']).map(testItemInput);
  const qualifications = filledRows(rows.qualifications).map((q) => clean({ kind: text(q.kind), number: text(q.number), issuer: text(q.issuer), validFrom: text(q.validFrom), validTo: text(q.validTo) }));
  const material = clean({ name: text(v['material.name']), code: text(v['material.code']), kind: text(v['material.kind']) });
  const inspection = clean({ result: text(v['incomingInspection.result']), inspector: text(v['incomingInspection.inspector']), date: text(v['incomingInspection.date']), items: items.length ? items : undefined });
  return clean({
    supplierOrganizationId: num(v.supplierOrganizationId), material, materialLot: text(v.materialLot),
    quantity: num(v.quantity), unit: text(v.unit), purchaseDate: text(v.purchaseDate), qualifications: qualifications.length ? qualifications : undefined,
    // Always objects, so a missing member is reported at its own field (material.name), not at the group.
    incomingInspection: inspection,
  });
}

function standIns(i: Record<string, unknown>): Record<string, unknown> {
  const m = (i.material ?? {}) as Record<string, unknown>;
  const ins = (i.incomingInspection ?? {}) as Record<string, unknown>;
  const quals = Array.isArray(i.qualifications) ? i.qualifications.map((q) => ({ kind: 'other', number: '-', validFrom: '2000-01-01', validTo: '2999-12-31', ...(q as object) })) : undefined;
  return {
    supplierOrganizationId: 1, materialLot: '-', quantity: 1, unit: '-', purchaseDate: '2000-01-01', ...i,
    material: { name: '-', code: '-', kind: 'other', ...m },
    ...(quals && { qualifications: quals }),
    incomingInspection: { result: 'fail', inspector: '-', date: (ins.date ?? i.purchaseDate ?? '2999-12-31') as string, ...ins, items: standInItems(ins.items) },
  };
}

/** A received material lot with its supplier's qualification documents and the incoming inspection (manufacturers). */
export default function MaterialReceiptFormPage() {
  const { t } = useTranslation();
  return (
    <ComposedForm<Receipt>
      title={t('pf.receipt.title')} schema={materialReceiptInputSchema} endpoint="/api/material-receipts" testId="receipt-form"
      toInput={materialReceiptInput} standIns={standIns}
      fields={[
        { name: 'supplierOrganizationId', label: t('pf.receipt.supplier'), kind: 'organization', span: 6 },
        { name: 'material.name', label: t('pf.receipt.materialName'), span: 6 },
        { name: 'material.code', label: t('pf.receipt.materialCode'), span: 6 },
        { name: 'material.kind', label: t('pf.receipt.materialKind'), kind: 'select', span: 6, options: MATERIAL_KINDS.map((k) => ({ value: k, label: t(`pf.receipt.kinds.${k}`) })) },
        { name: 'materialLot', label: t('pf.receipt.materialLot'), span: 6 },
        { name: 'quantity', label: t('pf.quantity'), kind: 'number', span: 6 },
        { name: 'unit', label: t('pf.item.unit'), span: 6 },
        { name: 'purchaseDate', label: t('pf.receipt.purchaseDate'), kind: 'date', span: 6 },
        { name: 'incomingInspection.inspector', label: t('pf.release.inspector'), span: 8 },
        { name: 'incomingInspection.date', label: t('pf.receipt.inspectionDate'), kind: 'date', span: 8 },
        { name: 'incomingInspection.result', label: t('pf.receipt.result'), kind: 'select', span: 8, options: INSPECTION_RESULTS.map((r) => ({ value: r, label: t(`pf.item.${r}`) })) },
      ]}
      tables={[
        {
          name: 'qualifications', label: t('pf.receipt.qualifications'), minRows: 0,
          columns: [
            { name: 'kind', label: t('common.type'), kind: 'select', width: 160, options: QUALIFICATION_KINDS.map((k) => ({ value: k, label: t(`pf.receipt.qualificationKinds.${k}`) })) },
            { name: 'number', label: t('pf.receipt.documentNumber'), width: 160 },
            { name: 'issuer', label: t('pf.receipt.issuer'), width: 160 },
            { name: 'validFrom', label: t('pf.receipt.validFrom'), kind: 'date', width: 150 },
            { name: 'validTo', label: t('pf.receipt.validTo'), kind: 'date', width: 150 },
          ],
        },
        testItemsTable('incomingInspection.items', t('pf.receipt.inspectionItems'), t),
      ]}
      done={(r) => <Alert type="success" showIcon message={t('pf.receipt.saved', { id: r.id, material: r.material.name, lot: r.materialLot })} />}
    />
  );
}
