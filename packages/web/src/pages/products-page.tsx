import type { ProColumns } from '@ant-design/pro-components';
import { roleMay } from '@lianjian/core/auth/permissions';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Product } from '../api/types.ts';
import { useOptionalSession } from '../session/session-context.tsx';
import { MasterList } from '../components/master-list.tsx';
import { RegionName } from '../components/region-name.tsx';

export default function ProductsPage() {
  const { t } = useTranslation();
  // Links only where the role may go: a partner agency reads the list but not dossiers or traces.
  const role = useOptionalSession()?.user?.role ?? '';
  const dossier = roleMay(role, 'product_dossiers.read');
  const trace = roleMay(role, 'trace.read');
  const columns: ProColumns<Product & Record<string, unknown>>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true },
    { title: t('common.name'), dataIndex: 'name', search: false, sorter: true, render: (_, r) => (dossier ? <Link to={`/products/${r.id}`} data-content>{r.name}</Link> : <span data-content>{r.name}</span>) },
    { title: t('lists.model'), dataIndex: 'model', search: false },
    { title: t('lists.di'), dataIndex: 'di', search: false, render: (_, r) => (!r.di ? '—' : trace ? <Link to={`/trace?code=${encodeURIComponent(`(01)${r.di}`)}`}>{r.di}</Link> : r.di) },
    { title: t('lists.registration'), dataIndex: 'registrationNumber', search: false },
    { title: t('lists.managementClass'), dataIndex: 'managementClass', search: false, sorter: true },
    { title: t('lists.registrant'), dataIndex: 'holderName', search: false },
    { title: t('common.region'), dataIndex: 'region', hideInTable: true, fieldProps: { placeholder: t('common.region6') } },
    { title: t('common.region'), dataIndex: 'regionCode', search: false, render: (_, r) => <RegionName code={r.regionCode} /> },
  ];
  return <MasterList path="/api/products" columns={columns} title={t('lists.products')} exportName="products" testId="products-list" />;
}
