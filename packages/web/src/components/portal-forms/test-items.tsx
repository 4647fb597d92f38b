import { testItemPassed } from '@lianjian/core/records/production';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { clean, num, text, type ComposedTable } from './composed-form.tsx';

/** One test-item row as the API takes it (`passed` is never sent: the server computes it from the limits). */
export function testItemInput(r: Record<string, string>): Record<string, unknown> {
  return clean({
    name: text(r.name), standard: text(r.standard), method: text(r.method), lowerLimit: num(r.lowerLimit), upperLimit: num(r.upperLimit),
    unit: text(r.unit), measuredValue: num(r.measuredValue),
  });
}

/** Pass / fail of a row as the platform will compute it (core `testItemPassed`), or null while the value is not a number. */
export function rowPassed(r: Record<string, string>): boolean | null {
  const measured = num(r.measuredValue);
  if (typeof measured !== 'number') return null;
  const lower = num(r.lowerLimit);
  const upper = num(r.upperLimit);
  return testItemPassed({ measuredValue: measured, lowerLimit: typeof lower === 'number' ? lower : null, upperLimit: typeof upper === 'number' ? upper : null });
}

/** The editable test-item table (incoming inspection, release report) with the live verdict column. */
export function testItemsTable(name: string, label: string, t: TFunction): ComposedTable {
  return {
    name, label,
    columns: [
      { name: 'name', label: t('pf.item.name'), width: 160 },
      { name: 'standard', label: t('pf.item.standard'), width: 140 },
      { name: 'method', label: t('pf.item.method'), width: 120 },
      { name: 'lowerLimit', label: t('pf.item.lowerLimit'), kind: 'number', width: 100 },
      { name: 'upperLimit', label: t('pf.item.upperLimit'), kind: 'number', width: 100 },
      { name: 'unit', label: t('pf.item.unit'), width: 80 },
      { name: 'measuredValue', label: t('pf.item.measuredValue'), kind: 'number', width: 110 },
    ],
    verdict: {
      title: t('pf.item.verdict'),
      render: (row, i) => {
        const passed = rowPassed(row);
        if (passed === null) return null;
        return <Tag color={passed ? 'green' : 'red'} data-testid={`verdict-${name}-${i}`}>{t(passed ? 'pf.item.pass' : 'pf.item.fail')}</Tag>;
      },
    },
  };
}

/** Stand-ins for an item's empty required cells; limits are never stood in, so they cannot contradict typed ones. */
export const standInItem = { name: '-', measuredValue: 0 };
/** Each typed row completed with stand-ins for its empty cells. */
export const standInItems = (items: unknown) => (Array.isArray(items) && items.length ? items.map((i) => ({ ...standInItem, ...(i as object) })) : [standInItem]);
