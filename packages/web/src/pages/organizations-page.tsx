import type { ProColumns } from '@ant-design/pro-components';
import type { Locale } from '@lianjian/core/locales/index';
import { roleMay } from '@lianjian/core/auth/permissions';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Organization } from '../api/types.ts';
import { useOptionalSession } from '../session/session-context.tsx';
import { MasterList } from '../components/master-list.tsx';
import { regionLabel, RegionName } from '../components/region-name.tsx';
import { institutionGradeText } from '../format/institution-grade.ts';
import { formatInstant } from '../format/time.ts';

const TYPES = ['manufacturer', 'distributor', 'institution', 'logistics', 'regulator', 'agency', 'other'];

export default function OrganizationsPage() {
  const { t, i18n } = useTranslation();
  // The dossier link only for roles that may open it (a partner agency reads the list alone).
  const dossier = roleMay(useOptionalSession()?.user?.role ?? '', 'dossiers.read');
  const columns: ProColumns<Organization & Record<string, unknown>>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true },
    { title: t('lists.id'), dataIndex: 'id', search: false, width: 70, sorter: true },
    { title: t('common.name'), dataIndex: 'name', search: false, sorter: true, render: (_, r) => (dossier ? <Link to={`/organizations/${r.id}/dossier`}>{r.name}</Link> : r.name) },
    { title: t('common.type'), dataIndex: 'type', valueType: 'select', valueEnum: Object.fromEntries(TYPES.map((k) => [k, { text: t(`lists.orgTypes.${k}`) }])), sorter: true },
    { title: t('common.region'), dataIndex: 'region', hideInTable: true, fieldProps: { placeholder: t('common.region6') } },
    { title: t('common.region'), dataIndex: 'regionCode', search: false, sorter: true, render: (_, r) => (i18n.language === 'en' ? <RegionName code={r.regionCode} /> : regionLabel(r.regionCode, r.regionName, false)) },
    { title: t('lists.creditCode'), dataIndex: 'creditCode', search: false },
    { title: t('lists.gln'), dataIndex: 'gln', search: false },
    { title: t('lists.grade'), dataIndex: 'institutionGrade', search: false, render: (_, r) => institutionGradeText(r.institutionGrade, i18n.language as Locale) },
    { title: t('common.time'), dataIndex: 'createdAt', search: false, render: (_, r) => formatInstant(r.createdAt), sorter: true },
  ];
  return <MasterList path="/api/organizations" columns={columns} title={t('lists.organizations')} exportName="organizations" testId="organizations-list" />;
}
