import { AE_INVESTIGATION_STATUSES, AE_ROOT_CAUSES, aeInvestigationInputSchema } from '@lianjian/core/records/adverse-event-investigation';
import { Alert, Card, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../api/use-api.ts';
import { clean, ComposedForm, list, text, type FormState } from '../components/portal-forms/composed-form.tsx';
import { formatInstant } from '../format/time.ts';

interface Investigation {
  id: number; reportId: number; status: 'in_progress' | 'final'; findings: string; findingCodes: string[]; conclusionCodes: string[];
  rootCause: string; filedAt: string; late: boolean; lateByHours: number;
}

/** Form text → `POST /api/adverse-events/:id/investigations` input (codes typed as a list, upper-cased by the schema). */
export function investigationInput({ values: v }: FormState): Record<string, unknown> {
  const findingCodes = list(v.findingCodes);
  const conclusionCodes = list(v.conclusionCodes);
  return clean({
    status: text(v.status), findings: text(v.findings), rootCause: text(v.rootCause), correctiveActions: text(v.correctiveActions),
    findingCodes: findingCodes.length ? findingCodes : undefined, conclusionCodes: conclusionCodes.length ? conclusionCodes : undefined,
  });
}

/**
 * The registrant files its investigation of a report (interim or final, IMDRF Annex C / D codes),
 * reached from the deadlines page and the report page. The format of a code and the rules between
 * status, conclusion and root cause are checked as typed; whether a code exists in the IMDRF
 * tables only the server knows, and its answer is shown next to the code field.
 */
export default function InvestigationFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const filings = useApi<{ items: Investigation[] }>(`/api/adverse-events/${id}/investigations`);
  const previous = filings.data?.items ?? [];
  return (
    <ComposedForm<Investigation>
      title={t('pf.inv.title', { id })} schema={aeInvestigationInputSchema} endpoint={`/api/adverse-events/${id}/investigations`} testId="investigation-form"
      header={(
        <>
          <Link to={`/adverse-events/${id}`}>{t('pf.inv.backToReport')}</Link>
          {previous.length > 0 && (
            <Card size="small" title={t('pf.inv.previous')}>
              <List size="small" dataSource={previous} data-testid="investigation-filings" renderItem={(i) => (
                <List.Item key={i.id} extra={i.late ? <Tag color="red">{t('pf.inv.late', { hours: i.lateByHours })}</Tag> : undefined}>
                  {`${formatInstant(i.filedAt)} · ${t(`pf.inv.statuses.${i.status}`)} · ${[...i.findingCodes, ...i.conclusionCodes].join(' ')} · ${t(`pf.inv.rootCauses.${i.rootCause}`)}`}
                </List.Item>
              )} />
            </Card>
          )}
        </>
      )}
      onSaved={() => void filings.refetch()}
      toInput={investigationInput}
      standIns={(i) => ({ status: 'in_progress', findings: '-', rootCause: 'not_established', ...i })}
      fields={[
        { name: 'status', label: t('pf.inv.status'), kind: 'select', span: 8, options: AE_INVESTIGATION_STATUSES.map((s) => ({ value: s, label: t(`pf.inv.statuses.${s}`) })) },
        { name: 'rootCause', label: t('pf.inv.rootCause'), kind: 'select', span: 16, options: AE_ROOT_CAUSES.map((c) => ({ value: c, label: t(`pf.inv.rootCauses.${c}`) })) },
        { name: 'findings', label: t('pf.inv.findings'), kind: 'textarea', span: 24 },
        { name: 'findingCodes', label: t('pf.inv.findingCodes'), placeholder: 'C23, C2301', span: 12 },
        { name: 'conclusionCodes', label: t('pf.inv.conclusionCodes'), placeholder: 'D1102', span: 12 },
        { name: 'correctiveActions', label: t('pf.inv.correctiveActions'), kind: 'textarea', span: 24 },
      ]}
      done={(r) => (
        <Alert type={r.late ? 'warning' : 'success'} showIcon
          message={t('pf.inv.saved', { id: r.id, status: t(`pf.inv.statuses.${r.status}`) })}
          description={r.late ? t('pf.inv.late', { hours: r.lateByHours }) : undefined} />
      )}
    />
  );
}
