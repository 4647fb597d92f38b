import type { ProColumns } from '@ant-design/pro-components';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { MasterList } from '../components/master-list.tsx';
import { formatInstant } from '../format/time.ts';

type Row = Record<string, unknown>;

/** The administrators' pages (三员分立): users for the system admin, the audit log for the audit admin; the rest is in the API docs. */
export default function AdminPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  if (pathname.startsWith('/admin/users')) {
    const columns: ProColumns<Row>[] = [
      { title: t('lists.id'), dataIndex: 'id', search: false },
      { title: t('admin.username'), dataIndex: 'username', search: false },
      { title: t('common.name'), dataIndex: 'displayName', search: false },
      { title: t('common.type'), dataIndex: 'role', search: false, render: (_, r) => t(`role.${String(r.role)}`, { defaultValue: String(r.role) }) },
      { title: t('common.status'), dataIndex: 'status', search: false },
    ];
    return <MasterList path="/api/users" columns={columns} title={t('admin.users')} exportName="users" testId="users-list" />;
  }
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
