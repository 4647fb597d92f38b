import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../api/use-api.ts';
import { ObjectSections, type Json } from '../components/object-sections.tsx';
import { ErrorState, isUnavailable, LoadingState, UnavailableState } from '../components/page-states.tsx';

/** The lot's dossier (issue 4, `GET /api/lots/{di}/{lot}`): materials, suppliers, environment, release tests, flags, custody, use, reports. */
export default function LotDossierPage() {
  const { t } = useTranslation();
  const { di = '', lot = '' } = useParams();
  const path = `/api/lots/${encodeURIComponent(di)}/${encodeURIComponent(lot)}`;
  const dossier = useApi<Record<string, Json>>(path);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="lot-dossier">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('dossier.lotTitle', { di, lot })}</Typography.Title>
      <Link to={`/trace?code=${encodeURIComponent(`(01)${di}(10)${lot}`)}`}>{t('nav.trace')}</Link>
      {dossier.isPending && <LoadingState rows={8} />}
      {dossier.isError && (isUnavailable(dossier.error) ? <UnavailableState api={`GET ${path}`} /> : <ErrorState error={dossier.error} onRetry={() => void dossier.refetch()} />)}
      {dossier.data && <ObjectSections data={dossier.data} />}
    </Space>
  );
}
