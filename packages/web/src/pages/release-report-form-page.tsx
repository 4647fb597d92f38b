import { RELEASE_DECISIONS, releaseReportInputSchema } from '@lianjian/core/records/production';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ListAnswer } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { clean, ComposedForm, filledRows, num, shanghai, text, type FormState } from '../components/portal-forms/composed-form.tsx';
import { standInItems, testItemInput, testItemsTable } from '../components/portal-forms/test-items.tsx';

interface Batch { id: number; productName: string; productDi: string; lot: string; releaseDecision: string | null }
interface ReleaseReport { id: number; lot: string; decision: 'released' | 'rejected'; failedCount: number }

/** Form text → `POST /api/release-reports` input. */
export function releaseReportInput({ values: v, rows }: FormState): Record<string, unknown> {
  const items = filledRows(rows.items).map(testItemInput);
  return clean({
    batchId: num(v.batchId), reportNo: text(v.reportNo), inspector: text(v.inspector), decision: text(v.decision), decidedAt: shanghai(v.decidedAt),
    items: items.length ? items : undefined,
  });
}

/**
 * A batch's release inspection and decision (manufacturers). Each item's pass / fail is shown as it
 * is typed, computed by the same core function the server stores it with.
 */
export default function ReleaseReportFormPage() {
  const { t } = useTranslation();
  const batches = useApi<ListAnswer<Batch>>('/api/batches?release=pending&pageSize=100&sort=-id');
  return (
    <ComposedForm<ReleaseReport>
      title={t('pf.release.title')} schema={releaseReportInputSchema} endpoint="/api/release-reports" testId="release-form"
      toInput={releaseReportInput}
      standIns={(i) => ({ batchId: 1, inspector: '-', decision: 'released', decidedAt: '2000-01-01T00:00:00+08:00', ...i, items: standInItems(i.items) })}
      fields={[
        { name: 'batchId', label: t('pf.release.batch'), kind: 'select', span: 12, options: (batches.data?.items ?? []).map((b) => ({ value: String(b.id), label: `${b.productName} · ${b.productDi} · ${b.lot} · #${b.id}` })) },
        { name: 'reportNo', label: t('pf.release.reportNo'), span: 12 },
        { name: 'inspector', label: t('pf.release.inspector'), span: 8 },
        { name: 'decision', label: t('pf.release.decision'), kind: 'select', span: 8, options: RELEASE_DECISIONS.map((d) => ({ value: d, label: t(`pf.release.decisions.${d}`) })) },
        { name: 'decidedAt', label: t('pf.release.decidedAt'), kind: 'datetime', span: 8 },
      ]}
      tables={[testItemsTable('items', t('pf.release.items'), t)]}
      done={(r) => (
        <Alert type={r.failedCount > 0 ? 'warning' : 'success'} showIcon
          message={t('pf.release.saved', { id: r.id, lot: r.lot, decision: t(`pf.release.decisions.${r.decision}`) })}
          description={r.failedCount > 0 ? t('pf.release.failedItems', { count: r.failedCount }) : undefined} />
      )}
    />
  );
}
