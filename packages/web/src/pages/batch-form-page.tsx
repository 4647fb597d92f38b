import { batchInputSchema, readingExceedances, type EnvironmentLimits } from '@lianjian/core/records/production';
import { Alert, Space, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListAnswer } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { clean, ComposedForm, filledRows, num, shanghai, text, type FormState } from '../components/portal-forms/composed-form.tsx';

interface Receipt { id: number; material: { name: string; code: string }; materialLot: string; quantity: number; unit: string }
interface Batch { id: number; productName: string; lot: string; flags: { rule: string }[] }

export const LIMIT_FIELDS = ['particles05Max', 'particles5Max', 'temperatureMin', 'temperatureMax', 'humidityMin', 'humidityMax', 'pressureDiffMin', 'pressureDiffMax'] as const;
const READING_FIELDS = ['particles05', 'particles5', 'temperatureC', 'humidityPct', 'pressureDiffPa'] as const;

/** The limits typed so far, as numbers (what is not a number yet is left out). */
function limitsOf({ values }: FormState): EnvironmentLimits {
  return Object.fromEntries(LIMIT_FIELDS.map((k) => [k, num(values[`environmentLimits.${k}`])]).filter(([, n]) => typeof n === 'number')) as EnvironmentLimits;
}

const numbers = (o: Record<string, string>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, num(o[k])]));

/**
 * Form text → `POST /api/batches` input. A consumed material is picked from the receipts (its
 * `materialLot` cell holds the receipt id), so its code, lot and default unit come from the receipt.
 */
export function batchInput({ values: v, rows }: FormState, receipts: Receipt[]): Record<string, unknown> {
  const materials = filledRows(rows.materials).map((m) => {
    const r = receipts.find((x) => String(x.id) === m.materialLot);
    return clean({ materialCode: r?.material.code, materialLot: r?.materialLot ?? text(m.materialLot), quantity: num(m.quantity), unit: text(m.unit) ?? r?.unit });
  });
  const readings = filledRows(rows.environmentReadings).map((r) => clean({ measuredAt: shanghai(r.measuredAt), room: text(r.room), ...numbers(r, READING_FIELDS) }));
  return clean({
    productDi: text(v.productDi), lot: text(v.lot), quantity: num(v.quantity), productionDate: text(v.productionDate), expiryDate: text(v.expiryDate),
    processRoute: text(v.processRoute), processVersion: text(v.processVersion), materials: materials.length ? materials : undefined,
    environmentLimits: numbers(Object.fromEntries(LIMIT_FIELDS.map((k) => [k, v[`environmentLimits.${k}`] ?? ''])), LIMIT_FIELDS),
    environmentReadings: readings.length ? readings : undefined,
  });
}

function standIns(i: Record<string, unknown>): Record<string, unknown> {
  const mats = Array.isArray(i.materials) && i.materials.length ? i.materials : [{}];
  return {
    productDi: '-', lot: '-', quantity: 1, productionDate: '1900-01-01', processRoute: '-', processVersion: '-', ...i,
    materials: mats.map((m, n) => ({ materialCode: `-${n}`, materialLot: '-', quantity: 1, unit: '-', ...(m as object) })),
    ...(Array.isArray(i.environmentReadings) && { environmentReadings: i.environmentReadings.map((r) => ({ measuredAt: '2000-01-01T00:00:00+08:00', room: '-', ...(r as object) })) }),
  };
}

/** A production batch with the material lots it consumed and its clean-room readings against their limits (manufacturers). */
export default function BatchFormPage() {
  const { t } = useTranslation();
  const receipts = useApi<ListAnswer<Receipt>>('/api/material-receipts?pageSize=100&sort=-id');
  const list = useMemo(() => receipts.data?.items ?? [], [receipts.data]);
  return (
    <ComposedForm<Batch>
      title={t('pf.batch.title')} schema={batchInputSchema} endpoint="/api/batches" testId="batch-form"
      toInput={(s) => batchInput(s, list)} standIns={standIns} inputDeps={[list]}
      fields={[
        { name: 'productDi', label: t('pf.batch.productDi'), span: 8 },
        { name: 'lot', label: t('pf.batch.lot'), span: 8 },
        { name: 'quantity', label: t('pf.quantity'), kind: 'number', span: 8 },
        { name: 'productionDate', label: t('pf.batch.productionDate'), kind: 'date', span: 6 },
        { name: 'expiryDate', label: t('pf.batch.expiryDate'), kind: 'date', span: 6 },
        { name: 'processRoute', label: t('pf.batch.processRoute'), span: 6 },
        { name: 'processVersion', label: t('pf.batch.processVersion'), span: 6 },
        ...LIMIT_FIELDS.map((k) => ({ name: `environmentLimits.${k}`, label: t(`pf.batch.limits.${k}`), kind: 'number' as const, span: 6 })),
      ]}
      tables={[
        {
          name: 'materials', label: t('pf.batch.materials'),
          columns: [
            { name: 'materialLot', also: ['materialCode'], label: t('pf.batch.receipt'), kind: 'select', width: 320, options: list.map((r) => ({ value: String(r.id), label: `${r.material.name} · ${r.material.code} · ${r.materialLot} (${r.quantity} ${r.unit})` })) },
            { name: 'quantity', label: t('pf.quantity'), kind: 'number', width: 120 },
            { name: 'unit', label: t('pf.item.unit'), width: 100 },
          ],
        },
        {
          name: 'environmentReadings', label: t('pf.batch.readings'), minRows: 0,
          columns: [
            { name: 'measuredAt', label: t('pf.batch.measuredAt'), kind: 'datetime', width: 190 },
            { name: 'room', label: t('pf.batch.room'), width: 110 },
            ...READING_FIELDS.map((k) => ({ name: k, label: t(`pf.batch.reading.${k}`), kind: 'number' as const, width: 110 })),
          ],
          verdict: { title: t('pf.batch.withinLimits'), render: (row, _i, s) => <ExceedanceTags limits={limitsOf(s)} row={row} /> },
        },
      ]}
      done={(r) => (
        <Alert type={r.flags.length ? 'warning' : 'success'} showIcon
          message={<Space>{t('pf.batch.saved', { id: r.id, product: r.productName, lot: r.lot })}<Link to={`/portal/production/batches/${r.id}`}>{t('pf.attachments.title')}</Link></Space>}
          description={r.flags.length ? <Space wrap>{r.flags.map((f, i) => <Tag key={i} color="orange">{t(`pf.flags.rules.${f.rule}`, { defaultValue: f.rule })}</Tag>)}</Space> : undefined} />
      )}
    />
  );
}

/** The readings' values outside the limits typed above, as tags (core `readingExceedances`). */
export function ExceedanceTags({ limits, row }: { limits: EnvironmentLimits; row: Record<string, string> }) {
  const { t } = useTranslation();
  const values = Object.fromEntries(READING_FIELDS.map((k) => [k, num(row[k])]).filter(([, n]) => typeof n === 'number')) as Record<string, number>;
  const out = readingExceedances(limits, values);
  if (!out.length) return Object.keys(values).length ? <Tag color="green">{t('pf.item.pass')}</Tag> : null;
  return <Space wrap>{out.map((e) => <Tag key={e.field} color="red">{t('pf.batch.exceeded', { field: t(`pf.batch.reading.${e.field}`), value: e.value, limit: e.limit })}</Tag>)}</Space>;
}
