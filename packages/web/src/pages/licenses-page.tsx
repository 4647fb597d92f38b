import type { ProColumns } from '@ant-design/pro-components';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { License } from '../api/types.ts';
import { MasterList } from '../components/master-list.tsx';

const STATUS_COLOURS: Record<string, string> = { valid: 'green', expiring: 'orange', expired: 'red', suspended: 'volcano', revoked: 'red', cancelled: 'default' };

export default function LicensesPage() {
  const { t } = useTranslation();
  const columns: ProColumns<License & Record<string, unknown>>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true },
    { title: t('lists.number'), dataIndex: 'number', search: false, sorter: true },
    { title: t('lists.holder'), dataIndex: 'organizationName', search: false, sorter: true },
    { title: t('common.region'), dataIndex: 'region', hideInTable: true, fieldProps: { placeholder: t('common.region6') } },
    { title: t('common.region'), dataIndex: 'regionCode', search: false },
    { title: t('lists.kind'), dataIndex: 'kind', search: false, sorter: true },
    { title: t('lists.issuer'), dataIndex: 'issuer', search: false },
    { title: t('lists.validTo'), dataIndex: 'validTo', search: false, sorter: true },
    { title: t('lists.effectiveStatus'), dataIndex: 'status', valueType: 'select', valueEnum: Object.fromEntries(Object.keys(STATUS_COLOURS).map((k) => [k, { text: k }])), render: (_, r) => <Tag color={STATUS_COLOURS[r.effectiveStatus]}>{r.effectiveStatus}</Tag> },
  ];
  return <MasterList path="/api/licenses" columns={columns} title={t('lists.licenses')} exportName="licenses" testId="licenses-list" />;
}
