import { Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Organization } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { ObjectSections, type Json } from '../components/object-sections.tsx';
import { ErrorState, isUnavailable, LoadingState, UnavailableState } from '../components/page-states.tsx';

function Remote({ path }: { path: string }) {
  const data = useApi<Record<string, Json>>(path);
  if (data.isPending) return <LoadingState rows={6} />;
  if (data.isError) return isUnavailable(data.error) ? <UnavailableState api={`GET ${path}`} /> : <ErrorState error={data.error} onRetry={() => void data.refetch()} />;
  return <ObjectSections data={data.data} />;
}

/** An organisation's dossier (`GET /api/organizations/{id}/dossier`) and, for an institution, its device-management assessment. */
export default function OrganizationDossierPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const org = useApi<Organization>(`/api/organizations/${encodeURIComponent(id)}`);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="organization-dossier">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('dossier.orgTitle')}{org.data ? <span data-content> · {org.data.name}</span> : null}</Typography.Title>
      {org.isError && <ErrorState error={org.error} />}
      <Tabs items={[
        { key: 'dossier', label: t('dossier.orgTitle'), children: <Remote path={`/api/organizations/${encodeURIComponent(id)}/dossier`} /> },
        ...(org.data?.type === 'institution' ? [{ key: 'assessment', label: t('dossier.assessment'), children: <Remote path={`/api/institutions/${encodeURIComponent(id)}/assessment`} /> }] : []),
      ]} />
    </Space>
  );
}
