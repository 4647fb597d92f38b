import type { ProColumns } from '@ant-design/pro-components';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { MasterList } from '../components/master-list.tsx';
import { formatInstant } from '../format/time.ts';

type Row = Record<string, unknown>;

/** The audit log for the audit admin (三员分立); the other administrators' pages have their own routes (users, tokens, calendar, security, privacy). */
export default function AdminPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  if (pathname.startsWith('/admin/audit')) {
    const columns: ProColumns<Row>[] = [
      { title: t('common.time'), dataIndex: 'at', search: false, render: (_, r) => formatInstant(String(r.at ?? r.createdAt ?? '')) },
      { title: t('admin.actor'), dataIndex: 'actorName', search: false },
      { title: t('admin.action'), dataIndex: 'action' },
      { title: t('admin.outcome'), dataIndex: 'outcome', search: false },
      { title: t('common.detail'), dataIndex: 'objectType', search: false, render: (_, r) => `${String(r.objectType ?? '')} ${String(r.objectId ?? '')}` },
    ];
    return <MasterList path="/api/audit-log" columns={columns} title={t('admin.audit')} exportName="audit-log" testId="audit-list" />;
  }
  return <Result status="info" title={t('admin.title')} subTitle={<a href="/docs">{t('admin.docs')}</a>} />;
}
