import type { ProColumns } from '@ant-design/pro-components';
import { termText, type Locale } from '@lianjian/core/locales/index';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { MasterList } from '../components/master-list.tsx';
import { auditActionOptions, auditActionText, auditOutcomeOptions, auditOutcomeText } from '../format/audit-actions.ts';
import { formatInstant } from '../format/time.ts';

type Row = Record<string, unknown>;

/** The audit log for the audit admin (三员分立); the other administrators' pages have their own routes (users, tokens, calendar, security, privacy). */
export default function AdminPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { pathname } = useLocation();
  if (pathname.startsWith('/admin/audit')) {
    const columns: ProColumns<Row>[] = [
      { title: t('common.time'), dataIndex: 'at', search: false, render: (_, r) => formatInstant(String(r.at ?? r.createdAt ?? '')) },
      { title: t('admin.actor'), dataIndex: 'actorName', search: false },
      { title: t('admin.action'), dataIndex: 'action', valueType: 'select', valueEnum: auditActionOptions(locale), fieldProps: { showSearch: true }, render: (_, r) => auditActionText(String(r.action ?? ''), locale) },
      { title: t('admin.outcome'), dataIndex: 'outcome', valueType: 'select', valueEnum: auditOutcomeOptions(locale), render: (_, r) => auditOutcomeText(String(r.outcome ?? ''), locale) },
      { title: t('common.detail'), dataIndex: 'objectType', search: false, render: (_, r) => (r.objectType ? `${termText('object_type', String(r.objectType), locale)} ${String(r.objectId ?? '')}` : '') },
    ];
    return <MasterList path="/api/audit-log" columns={columns} title={t('admin.audit')} exportName="audit-log" testId="audit-list" />;
  }
  return <Result status="info" title={t('admin.title')} subTitle={<a href="/docs">{t('admin.docs')}</a>} />;
}
