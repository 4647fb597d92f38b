import { Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListAnswer } from '../api/client.ts';
import type { AdverseEventReport, Organization, Product } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { DeadlineTag } from '../components/deadline-status.tsx';
import { EmptyState, ErrorState, LoadingState } from '../components/page-states.tsx';
import { useSession } from '../session/session-context.tsx';

/** The submitter's home: its own organisation (the server scopes every list to it), products and recent reports with their clocks. */
export default function PortalHomePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const org = useApi<Organization>(user?.organizationId ? `/api/organizations/${user.organizationId}` : null);
  // Registrants hold products; a hospital's or distributor's own products list would always be empty.
  const holdsProducts = user?.role === 'enterprise';
  const products = useApi<ListAnswer<Product>>(holdsProducts && user?.organizationId ? `/api/products?pageSize=5&holderId=${user.organizationId}` : null);
  const reports = useApi<ListAnswer<AdverseEventReport>>('/api/adverse-events?pageSize=5&sort=-id');
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="portal-home">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('portal.title')}</Typography.Title>
      <Card size="small" title={t('portal.organization')}>
        {org.isPending && <LoadingState rows={2} />}
        {org.isError && <ErrorState error={org.error} />}
        {org.data && (
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('common.name')}><span data-content>{org.data.name}</span></Descriptions.Item>
            <Descriptions.Item label={t('common.type')}>{t(`lists.orgTypes.${org.data.type}`, { defaultValue: org.data.type })}</Descriptions.Item>
            <Descriptions.Item label={t('common.region')}>{org.data.regionCode}</Descriptions.Item>
            <Descriptions.Item label={t('lists.gln')}>{org.data.gln ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('lists.creditCode')}>{org.data.creditCode ?? '—'}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('portal.myReports')} extra={<Link to="/portal/deadlines">{t('portal.deadlines')}</Link>}>
            {reports.isPending ? <LoadingState rows={3} /> : reports.isError ? <ErrorState error={reports.error} /> : reports.data.items.length === 0 ? <EmptyState hint={t('ae.form.title')} /> : (
              <ul>{reports.data.items.map((r) => <li key={r.id}>{r.reportNo} · <span data-content>{r.productName}</span> <DeadlineTag report={r} /></li>)}</ul>
            )}
          </Card>
        </Col>
        {holdsProducts && <Col xs={24} xl={12}>
          <Card size="small" title={t('portal.myProducts')} extra={<Link to="/products">{t('nav.products')}</Link>}>
            {products.isPending ? <LoadingState rows={3} /> : products.isError ? <ErrorState error={products.error} /> : products.data.items.length === 0 ? <EmptyState /> : (
              <ul>{products.data.items.map((p) => <li key={p.id}><span data-content>{p.name}</span> · {p.di ?? '—'}</li>)}</ul>
            )}
          </Card>
        </Col>}
      </Row>
    </Space>
  );
}
