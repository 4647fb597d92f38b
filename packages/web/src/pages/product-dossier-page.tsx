import { Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ProductAlert, ProductDossier, ProductLot } from '../api/product-dossier-types.ts';
import { useApi } from '../api/use-api.ts';
import { EmptyState, ErrorState, isUnavailable, LoadingState, UnavailableState } from '../components/page-states.tsx';
import { Figure } from '../dossier/cells.tsx';
import { RegionsChart, TrendChart } from '../dossier/product-charts.tsx';
import { formatInstant } from '../format/time.ts';

const LOT_PAGE = 50;
const GRADE_COLOURS: Record<string, string> = { critical: 'red', major: 'orange', general: 'blue' };

/**
 * A product's dossier (`GET /api/products/{id}/dossier`, issue 6 §2): the registration and its DIs,
 * every lot the caller may see with what is in circulation and the measures in force, where the
 * product is now by city, its adverse events over the last year and the open alerts about it.
 * Names as registered are data (`data-content`).
 */
export default function ProductDossierPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [offset, setOffset] = useState(0);
  const path = `/api/products/${encodeURIComponent(id)}/dossier?lotLimit=${LOT_PAGE}&lotOffset=${offset}`;
  const dossier = useApi<ProductDossier>(path);
  // Paging the lots reloads the dossier: keep the last answer on screen meanwhile.
  const last = useRef<ProductDossier | undefined>(undefined);
  if (dossier.data) last.current = dossier.data;
  const d = dossier.data ?? (dossier.isPending ? last.current : undefined);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="product-dossier" size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('pd.title')}{d ? <span data-content> · {d.product.name}</span> : null}</Typography.Title>
      {!d && dossier.isPending && <LoadingState rows={8} />}
      {dossier.isError && (isUnavailable(dossier.error) ? <UnavailableState api={`GET /api/products/${id}/dossier`} /> : <ErrorState error={dossier.error} onRetry={() => void dossier.refetch()} />)}
      {d && <ProductDossierView d={d} loadingLots={dossier.isPending} onLotPage={setOffset} />}
    </Space>
  );
}

function ProductDossierView({ d, loadingLots, onLotPage }: { d: ProductDossier; loadingLots: boolean; onLotPage: (offset: number) => void }) {
  const { t } = useTranslation();
  const p = d.product;
  const r = d.registration;
  const ae = d.adverseEvents;
  const traits = (['singleUse', 'implantable', 'sterile'] as const).filter((k) => p[k]);
  return (
    <>
      <Card size="small" data-testid="product-header">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('pd.product')}><span data-content>{p.name} · {p.model}</span></Descriptions.Item>
          <Descriptions.Item label={t('pd.specification')}><span data-content>{p.specification ?? '—'}</span></Descriptions.Item>
          <Descriptions.Item label={t('pd.deviceKind')}>{t(`pd.kindNames.${p.deviceKind}`, { defaultValue: p.deviceKind })}</Descriptions.Item>
          <Descriptions.Item label={t('pd.registration')}>
            <span data-content>{r.number}</span>&nbsp;<Tag>{t('pd.managementClass', { n: r.managementClass })}</Tag><Tag>{t(`pd.kinds.${r.kind}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('pd.registrant')}>
            <span data-testid="registrant">
              {r.registrant.organizationId !== null
                ? <Link to={`/organizations/${r.registrant.organizationId}/dossier`} data-content>{r.registrant.name}</Link>
                : <><span data-content>{r.registrant.name}</span> <Tag>{t('pd.outsideScope')}</Tag></>}
              <Typography.Text type="secondary"> {r.registrant.regionCode}</Typography.Text>
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('pd.validity')}>{r.validFrom} – {r.validTo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('pd.status')}><Tag color={r.status === 'active' ? 'green' : 'red'}>{t(`pd.statuses.${r.status}`, { defaultValue: r.status })}</Tag></Descriptions.Item>
          <Descriptions.Item label={t('pd.categoryCode')}>{r.categoryCode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('pd.traits')}>{traits.length === 0 ? '—' : traits.map((k) => <Tag key={k}>{t(`pd.trait.${k}`)}</Tag>)}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card size="small" title={t('pd.dis')} data-testid="section-dis">
        <Table size="small" rowKey="di" pagination={false} dataSource={d.dis} columns={[
          { title: t('pd.di'), dataIndex: 'di' },
          { title: t('pd.agency'), dataIndex: 'agency' },
          { title: t('pd.packageLevel'), dataIndex: 'packageLevel', align: 'right' },
          { title: t('pd.levelName'), render: (_, x) => <span data-content>{x.packageLevelName ?? '—'}</span> },
          { title: t('pd.perPackage'), dataIndex: 'quantityPerPackage', align: 'right' },
          { title: t('pd.contains'), render: (_, x) => x.containsDi ?? '—' },
        ]} />
      </Card>

      <LotsSection d={d} loading={loadingLots} onPage={onLotPage} />

      <Card size="small" title={t('pd.whereNow')} data-testid="section-regions">
        {d.holdersByRegion.length === 0 ? <EmptyState hint={t('pd.noHoldings')} /> : (
          <Row gutter={16}>
            <Col xs={24} lg={14}><RegionsChart rows={d.holdersByRegion} /></Col>
            <Col xs={24} lg={10}>
              <Table size="small" rowKey="regionCode" pagination={false} dataSource={d.holdersByRegion} columns={[
                { title: t('pd.region'), render: (_, x) => <><span data-content>{x.regionName ?? ''}</span> <Typography.Text type="secondary">{x.regionCode}</Typography.Text></> },
                { title: t('pd.holders'), dataIndex: 'holders', align: 'right' },
                { title: t('pd.inStock'), render: (_, x) => x.inStock.toLocaleString(), align: 'right' },
                { title: t('pd.inTransit'), render: (_, x) => x.inTransit.toLocaleString(), align: 'right' },
                { title: t('pd.used'), render: (_, x) => x.used.toLocaleString(), align: 'right' },
              ]} />
            </Col>
          </Row>
        )}
      </Card>

      <Card size="small" title={t('pd.adverseEvents')} data-testid="section-adverse-events" extra={<Typography.Text type="secondary">{t('pd.reportsTotal', { count: ae.reports })}</Typography.Text>}>
        <Row gutter={16} style={{ marginBottom: 12 }}>
          <Col xs={8}><Figure title={t('pd.cases')} value={ae.cases} testId="ae-cases" /></Col>
          <Col xs={8}><Figure title={t('pd.serious')} value={ae.serious} danger={ae.serious > 0} testId="ae-serious" /></Col>
          <Col xs={8}><Figure title={t('pd.deaths')} value={ae.deaths} danger={ae.deaths > 0} testId="ae-deaths" /></Col>
        </Row>
        <Typography.Text strong>{t('pd.trend')}</Typography.Text>
        {ae.byMonth.some((m) => m.cases > 0) ? <TrendChart byMonth={ae.byMonth} /> : <EmptyState />}
        <Typography.Text strong>{t('pd.latest')}</Typography.Text>
        {ae.latest.length === 0 ? <EmptyState /> : (
          <Table size="small" rowKey="id" pagination={false} dataSource={ae.latest} data-testid="ae-latest" columns={[
            { title: t('ae.reportNo'), render: (_, x) => <Link to={`/adverse-events/${x.id}`}>{x.reportNo}</Link> },
            { title: t('ae.reporter'), render: (_, x) => <span data-content>{x.reporterOrganizationName}</span> },
            { title: t('pd.lot'), render: (_, x) => x.lot ?? '—' },
            { title: t('ae.outcome'), render: (_, x) => <Tag color={x.outcome === 'other' ? 'default' : 'red'}>{t(`ae.outcomes.${x.outcome}`)}</Tag> },
            { title: t('ae.eventDate'), dataIndex: 'eventDate' },
            { title: t('ae.deadline'), render: (_, x) => (x.late ? <Tag color="red">{t('ae.overdueBy', { hours: Math.round(x.lateByHours) })}</Tag> : <Tag color="green">{t('ae.onTime')}</Tag>) },
          ]} />
        )}
      </Card>

      <Card size="small" title={t('pd.alerts')} data-testid="section-alerts">
        {d.alerts === null ? <Typography.Text type="secondary">{t('pd.alertsNotForRole')}</Typography.Text>
          : d.alerts.length === 0 ? <EmptyState /> : (
            <Table<ProductAlert> size="small" rowKey="id" pagination={false} dataSource={d.alerts} columns={[
              { title: t('alerts.grade'), render: (_, a) => <Tag color={GRADE_COLOURS[a.grade] ?? 'default'}>{t(`alerts.grades.${a.grade}`, { defaultValue: a.grade })}</Tag> },
              { title: t('alerts.subject'), render: (_, a) => <Link to={`/alerts/${a.id}`} data-content>{a.subjectLabel}</Link> },
              { title: t('alerts.status'), render: (_, a) => t(`alerts.statuses.${a.status}`, { defaultValue: a.status }) },
              { title: t('alerts.level'), render: (_, a) => t(`alerts.levels.${a.level}`, { defaultValue: a.level }) },
              { title: t('alerts.deadline'), render: (_, a) => formatInstant(a.deadline) },
            ]} />
          )}
      </Card>
    </>
  );
}

/** The lots, a page at a time from the server; a lot links to its own dossier when the caller may open it. */
function LotsSection({ d, loading, onPage }: { d: ProductDossier; loading: boolean; onPage: (offset: number) => void }) {
  const { t } = useTranslation();
  const { lots } = d;
  const lotCell = (l: ProductLot) => (lots.lotDossierLinks ? <Link to={`/lots/${encodeURIComponent(l.di)}/${encodeURIComponent(l.lot)}`}>{l.lot}</Link> : l.lot);
  return (
    <Card size="small" title={t('pd.lots')} data-testid="section-lots" extra={<Typography.Text type="secondary">{t('pd.lotsTotal', { count: lots.total })}</Typography.Text>}>
      {lots.total === 0 ? <EmptyState /> : (
        <Table<ProductLot> size="small" rowKey={(l) => `${l.di}/${l.lot}`} dataSource={lots.items} loading={loading}
          rowClassName={(l) => (l.restrictions.length > 0 ? 'row-failed' : '')}
          pagination={lots.total > lots.limit ? {
            current: Math.floor(lots.offset / lots.limit) + 1, pageSize: lots.limit, total: lots.total, showSizeChanger: false,
            showTotal: (total, [from, to]) => t('pd.lotsShown', { from, to, total }), onChange: (page) => onPage((page - 1) * lots.limit),
          } : false}
          columns={[
            { title: t('pd.lot'), render: (_, l) => lotCell(l) },
            { title: t('pd.di'), dataIndex: 'di' },
            { title: t('pd.productionDate'), render: (_, l) => l.productionDate ?? '—' },
            { title: t('pd.produced'), align: 'right', render: (_, l) => (l.produced === null ? <Tag>{t('pd.noBatch')}</Tag> : l.produced.toLocaleString()) },
            { title: t('pd.received'), align: 'right', render: (_, l) => l.received.toLocaleString() },
            { title: t('pd.inStock'), align: 'right', render: (_, l) => l.inStock.toLocaleString() },
            { title: t('pd.inTransit'), align: 'right', render: (_, l) => l.inTransit.toLocaleString() },
            { title: t('pd.used'), align: 'right', render: (_, l) => l.used.toLocaleString() },
            { title: t('pd.holders'), dataIndex: 'holders', align: 'right' },
            {
              title: t('pd.measures'), render: (_, l) => (l.restrictions.length === 0 ? '—' : l.restrictions.map((x) => (
                <Tag key={x.id} color={x.kind === 'recall' ? 'red' : 'orange'} data-testid="lot-restriction">
                  {x.kind === 'recall' && x.recallLevel ? t(`restrictions.levels.${x.recallLevel}`) : t(`restrictions.kinds.${x.kind}`)}
                </Tag>
              ))),
            },
          ]} />
      )}
    </Card>
  );
}
