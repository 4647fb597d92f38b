import type { ProColumns } from '@ant-design/pro-components';
import type { Locale } from '@lianjian/core/locales/index';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListAnswer } from '../api/client.ts';
import type { Alert } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { GRADE_COLOURS } from '../components/alert-inbox.tsx';
import { sourceText } from '../components/evidence-facts.tsx';
import { MasterList } from '../components/master-list.tsx';
import { isUnavailable, LoadingState, UnavailableState } from '../components/page-states.tsx';
import { RegionName } from '../components/region-name.tsx';
import { formatInstant } from '../format/time.ts';

const GRADES = ['general', 'major', 'critical'];
const STATUSES = ['new', 'acknowledged', 'verifying', 'confirmed', 'dismissed'];
const DEPARTMENTS = ['ae_monitoring', 'distribution_supervision', 'production_supervision', 'inspection_enforcement'];

type Row = Alert & { overdue?: boolean; subject: { label?: string } | null } & Record<string, unknown>;

/** The alert queue (issue 5's `GET /api/alerts`): filters grade, status, department, overdue; newest first. */
export default function AlertsPage() {
  const { t, i18n } = useTranslation();
  const probe = useApi<ListAnswer<Alert>>('/api/alerts?pageSize=1');
  if (probe.isPending) return <LoadingState />;
  if (probe.isError && isUnavailable(probe.error)) return <UnavailableState api="GET /api/alerts" />;
  const enumOf = (keys: string[], prefix: string) => Object.fromEntries(keys.map((k) => [k, { text: t(`${prefix}.${k}`) }]));
  const columns: ProColumns<Row>[] = [
    { title: t('alerts.grade'), dataIndex: 'grade', valueType: 'select', valueEnum: enumOf(GRADES, 'alerts.grades'), sorter: true, defaultSortOrder: 'descend', render: (_, r) => <Tag color={GRADE_COLOURS[r.grade]}>{t(`alerts.grades.${r.grade}`)}</Tag> },
    { title: t('alerts.subject'), dataIndex: 'subject', search: false, render: (_, r) => <Link to={`/alerts/${r.id}`}>{r.subject?.label ?? r.source}</Link> },
    { title: t('alerts.source'), dataIndex: 'source', search: false, render: (_, r) => sourceText(t, i18n.language as Locale, r.source, r.evidence) },
    { title: t('alerts.status'), dataIndex: 'status', valueType: 'select', valueEnum: enumOf(STATUSES, 'alerts.statuses'), render: (_, r) => t(`alerts.statuses.${r.status}`) },
    { title: t('alerts.department'), dataIndex: 'department', valueType: 'select', valueEnum: enumOf(DEPARTMENTS, 'alerts.departments'), render: (_, r) => (r.department ? t(`alerts.departments.${r.department}`) : '—') },
    { title: t('common.region'), dataIndex: 'region', hideInTable: true, fieldProps: { placeholder: t('common.region6') } },
    { title: t('common.region'), dataIndex: 'regionCode', search: false, render: (_, r) => <RegionName code={r.regionCode} /> },
    { title: t('alerts.deadline'), dataIndex: 'deadline', search: false, sorter: true, render: (_, r) => <>{formatInstant(r.deadline)} {r.overdue && <Tag color="red">{t('alerts.overdue')}</Tag>}</> },
    { title: t('alerts.overdue'), dataIndex: 'overdue', hideInTable: true, valueType: 'select', valueEnum: { true: { text: t('common.yes') }, false: { text: t('common.no') } } },
    { title: t('alerts.createdAt'), dataIndex: 'createdAt', search: false, sorter: true, render: (_, r) => formatInstant(r.createdAt) },
  ];
  return <MasterList path="/api/alerts" columns={columns} title={t('alerts.title')} exportName="alerts" testId="alerts-list" />;
}
