import type { ProColumns } from '@ant-design/pro-components';
import { Tag } from 'antd';
import { termText, type Locale } from '@lianjian/core/locales/index';
import { useTranslation } from 'react-i18next';
import type { License } from '../api/types.ts';
import { MasterList } from '../components/master-list.tsx';
import { RegionName } from '../components/region-name.tsx';

const STATUS_COLOURS: Record<string, string> = { valid: 'green', expiring: 'orange', expired: 'red', suspended: 'volcano', revoked: 'red', cancelled: 'default' };

export default function LicensesPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const columns: ProColumns<License & Record<string, unknown>>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true },
    { title: t('lists.number'), dataIndex: 'number', search: false, sorter: true },
    { title: t('lists.holder'), dataIndex: 'organizationName', search: false, sorter: true },
    { title: t('common.region'), dataIndex: 'region', hideInTable: true, fieldProps: { placeholder: t('common.region6') } },
    { title: t('common.region'), dataIndex: 'regionCode', search: false, render: (_, r) => <RegionName code={r.regionCode} /> },
    { title: t('lists.kind'), dataIndex: 'kind', search: false, sorter: true, render: (_, r) => termText('license_kind', r.kind, locale) },
    { title: t('lists.issuer'), dataIndex: 'issuer', search: false },
    { title: t('lists.validTo'), dataIndex: 'validTo', search: false, sorter: true },
    { title: t('lists.effectiveStatus'), dataIndex: 'status', valueType: 'select', valueEnum: Object.fromEntries(Object.keys(STATUS_COLOURS).map((k) => [k, { text: t(`dv.statuses.${k}`) }])), render: (_, r) => <Tag color={STATUS_COLOURS[r.effectiveStatus]}>{t(`dv.statuses.${r.effectiveStatus}`, { defaultValue: r.effectiveStatus })}</Tag> },
  ];
  return <MasterList path="/api/licenses" columns={columns} title={t('lists.licenses')} exportName="licenses" testId="licenses-list" />;
}
