import { Card, Col, Descriptions, Row, Space, Table, Tabs, Tag, Typography } from 'antd';
import { termText, type Locale } from '@lianjian/core/locales/index';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { InstitutionAssessment, OrganizationDossier } from '../api/dossier-types.ts';
import { useApi } from '../api/use-api.ts';
import { EmptyState, ErrorState, isUnavailable, LoadingState, UnavailableState } from '../components/page-states.tsx';
import { Figure, percent } from '../dossier/cells.tsx';
import { AssessmentView } from '../dossier/assessment-view.tsx';
import { FlagAlerts } from '../dossier/flag-alerts.tsx';

export const LICENCE_COLOURS: Record<string, string> = { valid: 'green', expiring: 'orange', expired: 'red', suspended: 'volcano', revoked: 'red', cancelled: 'default' };

/** An organisation's dossier (`GET /api/organizations/{id}/dossier`) and, for an institution, its device-management assessment. */
export default function OrganizationDossierPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const path = `/api/organizations/${encodeURIComponent(id)}/dossier`;
  const dossier = useApi<OrganizationDossier>(path);
  const org = dossier.data?.organization;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="organization-dossier">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('dossier.orgTitle')}{org ? <span data-content> · {org.name}</span> : null}</Typography.Title>
      {dossier.isPending && <LoadingState rows={8} />}
      {dossier.isError && (isUnavailable(dossier.error) ? <UnavailableState api={`GET ${path}`} /> : <ErrorState error={dossier.error} onRetry={() => void dossier.refetch()} />)}
      {dossier.data && (
        <Tabs items={[
          { key: 'dossier', label: t('dossier.orgTitle'), children: <OrganizationDossierView d={dossier.data} /> },
          ...(dossier.data.organization.type === 'institution' ? [{ key: 'assessment', label: t('dv.assessment'), children: <Assessment id={id} /> }] : []),
        ]} />
      )}
    </Space>
  );
}

function Assessment({ id }: { id: string }) {
  const path = `/api/institutions/${encodeURIComponent(id)}/assessment`;
  const a = useApi<InstitutionAssessment>(path);
  if (a.isPending) return <LoadingState rows={6} />;
  if (a.isError) return isUnavailable(a.error) ? <UnavailableState api={`GET ${path}`} /> : <ErrorState error={a.error} onRetry={() => void a.refetch()} />;
  return <AssessmentView a={a.data} />;
}

function OrganizationDossierView({ d }: { d: OrganizationDossier }) {
  const { t, i18n } = useTranslation();
  const o = d.organization;
  const r = d.adverseEventReporting;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title={t('dv.organization')}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('dv.holderType')}>{t(`lists.orgTypes.${o.type}`, { defaultValue: t('lists.orgTypes.other') })}</Descriptions.Item>
          <Descriptions.Item label={t('dv.creditCode')}>{o.creditCode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('dv.region')}>{o.regionCode} <span data-content>{o.regionName ?? ''}</span></Descriptions.Item>
          <Descriptions.Item label={t('dv.address')} span={2}><span data-content>{o.address ?? '—'}</span></Descriptions.Item>
          <Descriptions.Item label={t('dv.gln')}>{o.gln ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>

      {d.qualityFlags.items.length > 0 && <FlagAlerts flags={d.qualityFlags.items} />}

      <Card size="small" title={t('dv.licences')} data-testid="section-licences">
        {d.licenses.length === 0 ? <EmptyState /> : (
          <Table size="small" rowKey="id" pagination={false} dataSource={d.licenses} rowClassName={(l) => (['expired', 'revoked', 'suspended'].includes(l.effectiveStatus) ? 'row-failed' : '')} columns={[
            { title: t('dv.kind'), render: (_, l) => termText('license_kind', l.kind, i18n.language as Locale) },
            { title: t('dv.number'), render: (_, l) => <span data-content>{l.number}</span> },
            { title: t('dv.scopeClasses'), render: (_, l) => (l.scopeClasses?.length ? l.scopeClasses.map((c) => t('dv.managementClass', { n: c })).join(', ') : '—') },
            { title: t('dv.issuer'), render: (_, l) => <span data-content>{l.issuer}</span> },
            { title: t('dv.validFrom'), dataIndex: 'validFrom' },
            { title: t('dv.validTo'), render: (_, l) => l.validTo ?? '—' },
            { title: t('lists.effectiveStatus'), render: (_, l) => <Tag color={LICENCE_COLOURS[l.effectiveStatus]}>{t(`dv.statuses.${l.effectiveStatus}`, { defaultValue: l.effectiveStatus })}</Tag> },
          ]} />
        )}
      </Card>

      {d.products.total > 0 && (
        <Card size="small" title={`${t('dv.products')} (${d.products.total})`} data-testid="section-products">
          <Table size="small" rowKey="id" pagination={d.products.items.length > 10 ? { pageSize: 10 } : false} dataSource={d.products.items} columns={[
            { title: t('dv.product'), render: (_, p) => <span data-content>{p.name}</span> },
            { title: t('dv.model'), render: (_, p) => <span data-content>{p.model}</span> },
            { title: t('dv.registration'), render: (_, p) => <span data-content>{p.registrationNumber}</span> },
            { title: t('lists.managementClass'), render: (_, p) => t('dv.managementClass', { n: p.managementClass }) },
            { title: t('dv.validTo'), render: (_, p) => p.registrationValidTo ?? '—' },
          ]} />
        </Card>
      )}

      {d.batches.total > 0 && (
        <Card size="small" title={`${t('dv.batches')} (${d.batches.total})`} data-testid="section-batches">
          <Table size="small" rowKey="id" pagination={d.batches.items.length > 10 ? { pageSize: 10 } : false} dataSource={d.batches.items} columns={[
            { title: t('dv.lot'), render: (_, b) => <Link to={`/lots/${encodeURIComponent(b.productDi)}/${encodeURIComponent(b.lot)}`}>{b.lot}</Link> },
            { title: t('dv.product'), render: (_, b) => <span data-content>{b.productName} · {b.productModel}</span> },
            { title: t('dv.productionDate'), dataIndex: 'productionDate' },
            { title: t('dv.quantity'), dataIndex: 'quantity', align: 'right' },
            { title: t('dv.release'), render: (_, b) => (b.releaseDecision ? <Tag color={b.releaseDecision === 'released' ? 'green' : 'orange'}>{t(`dv.decisions.${b.releaseDecision}`)}</Tag> : '—') },
          ]} />
        </Card>
      )}

      <Card size="small" title={t('dv.reporting')} data-testid="section-reporting">
        <Row gutter={16}>
          <Col xs={12} md={6}><Figure title={t('dv.reportCount')} value={r.reports} /></Col>
          <Col xs={12} md={6}><Figure title={t('dv.withClock')} value={r.withStatutoryClock} /></Col>
          <Col xs={12} md={6}><Figure title={t('dv.late')} value={r.late} danger={r.late > 0} /></Col>
          <Col xs={12} md={6}><Figure title={t('dv.lateRate')} value={percent(r.lateRate)} danger={(r.lateRate ?? 0) > 0} /></Col>
        </Row>
        {r.late > 0 && <Typography.Text type="danger">{t('dv.maxLateHours')}: {r.maxLateHours}</Typography.Text>}
      </Card>
    </Space>
  );
}
