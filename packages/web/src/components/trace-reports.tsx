import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TraceReport } from '../api/types.ts';
import { formatInstant } from '../format/time.ts';
import { DeadlineTag } from './deadline-status.tsx';

/**
 * The trace's "reports" tab: the adverse-event reports the trace answer carries (about this unit or
 * its lot, already scoped by the server as the AE list is), one row each. A report in a trace has
 * been submitted, so its clock has stopped: the deadline tag shows late by N hours or on time, never
 * "due in N days".
 */
// The trace carries no submission time; any value tells deadlineState the report is in (no "due" state).
const SUBMITTED = 'submitted';

export function TraceReports({ reports }: { reports: TraceReport[] }) {
  const { t } = useTranslation();
  if (reports.length === 0) return <Typography.Text type="secondary" data-testid="trace-reports-empty">{t('trace.reportsEmpty')}</Typography.Text>;
  return (
    <Table<TraceReport> size="small" rowKey="id" pagination={false} dataSource={reports} data-testid="trace-reports" scroll={{ x: true }} columns={[
      { title: t('ae.reportNo'), render: (_, r) => <Link to={`/adverse-events/${r.id}`}>{r.reportNo}</Link> },
      { title: t('ae.outcome'), render: (_, r) => <Tag color={r.outcome === 'death' ? 'red' : r.outcome === 'serious_injury' ? 'orange' : 'default'}>{t(`ae.outcomes.${r.outcome}`)}</Tag> },
      { title: t('ae.eventDate'), dataIndex: 'eventDate' },
      { title: t('ae.dateKnown'), dataIndex: 'dateKnown' },
      {
        title: t('ae.deadline'),
        render: (_, r) => (
          <Space size={4} wrap>
            <span>{formatInstant(r.deadline)}</span>
            <DeadlineTag report={{ deadline: r.deadline, late: r.late, lateByHours: r.lateByHours, submittedAt: SUBMITTED }} />
          </Space>
        ),
      },
      { title: t('trace.reporterType'), render: (_, r) => t(`trace.reporterTypes.${r.reporterType}`) },
      { title: t('trace.region'), dataIndex: 'regionCode' },
      { title: t('trace.imdrfCodes'), render: (_, r) => (r.imdrfCodes?.length ? r.imdrfCodes.map((c) => <Tag key={c}>{c}</Tag>) : '—') },
      { title: t('trace.duplicateOf'), render: (_, r) => (r.duplicateOf === null ? '—' : <Link to={`/adverse-events/${r.duplicateOf}`}>#{r.duplicateOf}</Link>) },
      { title: t('trace.match'), render: (_, r) => <Tag color={r.match === 'unit' ? 'purple' : 'default'}>{t(`trace.matches.${r.match}`)}</Tag> },
    ]} />
  );
}
