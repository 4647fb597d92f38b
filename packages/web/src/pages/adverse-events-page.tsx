import type { ProColumns } from '@ant-design/pro-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdverseEventReport } from '../api/types.ts';
import { DeadlineTag } from '../components/deadline-status.tsx';
import { MasterList } from '../components/master-list.tsx';
import { RegionName } from '../components/region-name.tsx';
import { formatInstant } from '../format/time.ts';

const OUTCOMES = ['death', 'serious_injury', 'other'];

/** Adverse-event reports in scope with their deadline status (filters as `GET /api/adverse-events` takes them). */
export default function AdverseEventsPage() {
  const { t } = useTranslation();
  const columns: ProColumns<AdverseEventReport & Record<string, unknown>>[] = [
    { title: t('ae.reportNo'), dataIndex: 'reportNo', search: false, sorter: true, render: (_, r) => <Link to={`/adverse-events/${r.id}`} data-testid={`ae-open-${r.id}`}>{r.reportNo}</Link> },
    { title: t('ae.reporter'), dataIndex: 'reporterOrganizationName', search: false },
    { title: t('ae.product'), dataIndex: 'productName', search: false, render: (_, r) => `${r.productName} (${r.productDi}${r.lot ? ` / ${r.lot}` : ''})` },
    { title: t('lists.di'), dataIndex: 'productDi', hideInTable: true },
    { title: t('scan.lot'), dataIndex: 'lot', hideInTable: true },
    { title: t('ae.outcome'), dataIndex: 'outcome', valueType: 'select', valueEnum: Object.fromEntries(OUTCOMES.map((k) => [k, { text: t(`ae.outcomes.${k}`) }])), render: (_, r) => t(`ae.outcomes.${r.outcome}`) },
    { title: t('common.region'), dataIndex: 'region', hideInTable: true, fieldProps: { placeholder: t('common.region6') } },
    { title: t('common.region'), dataIndex: 'regionCode', search: false, render: (_, r) => <RegionName code={r.regionCode} /> },
    { title: t('ae.eventDate'), dataIndex: 'eventDate', search: false, sorter: true },
    { title: t('ae.dateKnown'), dataIndex: 'dateKnown', search: false, sorter: true },
    { title: t('ae.deadline'), dataIndex: 'deadline', search: false, sorter: true, render: (_, r) => <>{formatInstant(r.deadline)} <DeadlineTag report={r} /></> },
    { title: t('ae.late'), dataIndex: 'late', hideInTable: true, valueType: 'select', valueEnum: { true: { text: t('common.yes') }, false: { text: t('common.no') } } },
  ];
  return <MasterList path="/api/adverse-events" columns={columns} title={t('ae.list')} exportName="adverse-events" testId="ae-list" />;
}
