import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ClinicalUse, LotDossier, MaterialView, TestItem } from '../api/dossier-types.ts';
import type { ListAnswer } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { EmptyState, ErrorState, isUnavailable, LoadingState, UnavailableState } from '../components/page-states.tsx';
import { RegionName } from '../components/region-name.tsx';
import { EnvironmentChart, METRICS } from '../dossier/environment-chart.tsx';
import { FlagAlerts } from '../dossier/flag-alerts.tsx';
import { LotRestrictionsSection } from '../dossier/lot-restrictions-section.tsx';
import { limitText, ResultTag, sizeText } from '../dossier/cells.tsx';
import { formatInstant } from '../format/time.ts';

/**
 * A lot's dossier for a regulator (issue 4 `GET /api/lots/{di}/{lot}`, laid out in issue 6):
 * who made it and whether it should have left the factory first, then the evidence section by
 * section — materials and their suppliers, the clean-room environment, the release tests, where
 * the lot went, its use and reports, the documents. Names as registered are data (`data-content`).
 */
export default function LotDossierPage() {
  const { t } = useTranslation();
  const { di = '', lot = '' } = useParams();
  const path = `/api/lots/${encodeURIComponent(di)}/${encodeURIComponent(lot)}`;
  const dossier = useApi<LotDossier>(path);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="lot-dossier" size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('dossier.lotTitle', { di, lot })}</Typography.Title>
      {dossier.isPending && <LoadingState rows={8} />}
      {dossier.isError && (isUnavailable(dossier.error) ? <UnavailableState api={`GET ${path}`} /> : <ErrorState error={dossier.error} onRetry={() => void dossier.refetch()} />)}
      {dossier.data && <LotDossierView d={dossier.data} />}
    </Space>
  );
}

function LotDossierView({ d }: { d: LotDossier }) {
  const { t } = useTranslation();
  const p = d.production;
  const release = p?.release ?? null;
  const releasedWithFailure = release?.decision === 'released' && release.failedCount > 0;
  const recallHref = `/recall?di=${encodeURIComponent(d.di)}&lot=${encodeURIComponent(d.lot)}`;
  return (
    <>
      <Card size="small" data-testid="lot-header">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('dv.product')}><Link to={`/products/${d.product.id}`} data-content>{d.product.name} · {d.product.model}</Link></Descriptions.Item>
          <Descriptions.Item label={t('dv.registration')}><span data-content>{d.product.registration.number}</span>&nbsp;<Tag>{t('dv.managementClass', { n: d.product.registration.managementClass })}</Tag></Descriptions.Item>
          <Descriptions.Item label={t('dv.manufacturer')}>{d.manufacturer ? <Link to={`/organizations/${d.manufacturer.id}/dossier`} data-content>{d.manufacturer.name}</Link> : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('dv.lot')}>{d.lot} <Typography.Text type="secondary">(DI {d.di})</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('dv.productionDate')}>{p?.batch.productionDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('dv.expiryDate')}>{p?.batch.expiryDate ?? '—'}</Descriptions.Item>
          {p && <Descriptions.Item label={t('dv.quantity')}>{p.batch.quantity.toLocaleString()}</Descriptions.Item>}
          {p && <Descriptions.Item label={t('dv.process')} span={2}><span data-content>{p.batch.processRoute}</span> {p.batch.processVersion}</Descriptions.Item>}
          <Descriptions.Item label={t('dv.release')}>
            <span data-testid="release-decision">
              {release ? <Tag color={release.decision === 'released' ? (releasedWithFailure ? 'red' : 'green') : 'orange'}>{t(`dv.decisions.${release.decision}`)}</Tag> : '—'}
              {releasedWithFailure && <Tag color="red">{t('dv.releasedWithFailed')}</Tag>}
            </span>
          </Descriptions.Item>
          {release && <Descriptions.Item label={t('dv.decidedAt')}>{formatInstant(release.decidedAt)}</Descriptions.Item>}
          {release && <Descriptions.Item label={t('dv.inspector')}><span data-content>{release.inspector}</span></Descriptions.Item>}
        </Descriptions>
        <Space style={{ marginTop: 8 }}>
          <Link to={`/trace?code=${encodeURIComponent(`(01)${d.di}(10)${d.lot}`)}`}><Button size="small">{t('dv.trace')}</Button></Link>
          <Link to={recallHref}><Button size="small">{t('dv.recall')}</Button></Link>
        </Space>
      </Card>

      {d.qualityFlags.length > 0 && <FlagAlerts flags={d.qualityFlags} onLotPage />}
      <LotRestrictionsSection di={d.di} lot={d.lot} />
      {!p && <Alert type="warning" showIcon message={t('dv.noBatch')} />}

      {p && (
        <Card size="small" title={t('dv.materials')} id="materials" data-testid="section-materials">
          <Table<MaterialView> size="small" rowKey="receiptId" pagination={false} dataSource={p.materials}
            rowClassName={(m) => (m.incomingInspectionResult === 'fail' || !m.supplierQualifiedOnProductionDate ? 'row-failed' : '')}
            columns={[
              { title: t('dv.material'), render: (_, m) => <span data-content>{m.material.name}</span> },
              { title: t('dv.kind'), render: (_, m) => t(`dv.materialKinds.${m.material.kind}`, { defaultValue: t('dv.materialKinds.other') }) },
              { title: t('dv.materialLot'), dataIndex: 'materialLot' },
              { title: t('dv.supplier'), render: (_, m) => <Link to={`/organizations/${m.supplier.id}/dossier`} data-content>{m.supplier.name}</Link> },
              { title: t('dv.purchaseDate'), dataIndex: 'purchaseDate' },
              {
                title: t('dv.qualification'), render: (_, m) => (m.qualifications.length === 0 ? <Tag color="red">{t('dv.noQualification')}</Tag>
                  : <Tag color={m.supplierQualifiedOnProductionDate ? 'green' : 'red'}>{t(m.supplierQualifiedOnProductionDate ? 'dv.qualified' : 'dv.lapsed')}</Tag>),
              },
              { title: t('dv.inspection'), render: (_, m) => <ResultTag pass={m.incomingInspectionResult === 'pass'} /> },
            ]} />
        </Card>
      )}

      {p && (
        <Card size="small" title={t('dv.environment')} id="environment" data-testid="section-environment"
          extra={<Typography.Text type={p.environment.outOfLimitCount > 0 ? 'danger' : 'secondary'}>{t('dv.readingCount', { count: p.environment.readingCount, out: p.environment.outOfLimitCount })}</Typography.Text>}>
          {p.environment.outOfLimit.flatMap((r) => r.exceedances.map((e) => (
            <Alert key={`${r.measuredAt}-${r.room}-${e.field}`} type="warning" showIcon style={{ marginBottom: 8 }}
              message={<>{t('dv.exceedance', { time: formatInstant(r.measuredAt), metric: t(`dv.metrics.${e.field}`), value: e.value, limit: `${e.bound === 'min' ? '≥' : '≤'} ${e.limit}` })} · <span data-content>{r.room}</span></>} />
          )))}
          {p.environment.readingCount > 0
            ? <EnvironmentChart batchId={p.batch.id} limits={p.environment.limits} initial={p.environment.outOfLimit[0]?.exceedances[0]?.field ?? METRICS[0]} />
            : <EmptyState />}
        </Card>
      )}

      {p && (
        <Card size="small" title={t('dv.tests')} id="release" data-testid="section-release"
          extra={release?.reportNo ? <Typography.Text type="secondary">{t('dv.reportNo')} {release.reportNo}</Typography.Text> : undefined}>
          {release ? (
            <Table<TestItem> size="small" rowKey="name" pagination={false} dataSource={release.items} rowClassName={(i) => (i.passed ? '' : 'row-failed')}
              columns={[
                { title: t('dv.item'), render: (_, i) => <span data-content>{i.name}</span> },
                { title: t('dv.standard'), render: (_, i) => <span data-content>{[i.standard, i.method].filter(Boolean).join(' ') || '—'}</span> },
                { title: t('dv.limit'), render: (_, i) => limitText(t, i) },
                { title: t('dv.measured'), render: (_, i) => <strong>{i.measuredValue}</strong> },
                { title: t('dv.unit'), render: (_, i) => <span data-content>{i.unit}</span> },
                { title: t('dv.result'), render: (_, i) => <ResultTag pass={i.passed} /> },
              ]} />
          ) : <EmptyState />}
        </Card>
      )}

      <Card size="small" title={t('dv.distribution')} id="distribution" data-testid="section-distribution"
        extra={<Link to={recallHref}>{t('dv.openRecall')}</Link>}>
        <Typography.Paragraph>{t('dv.totals', d.distribution.totals)}</Typography.Paragraph>
        <Table size="small" rowKey={(h) => `${h.name}-${h.regionCode}`} dataSource={d.distribution.holders} pagination={d.distribution.holders.length > 10 ? { pageSize: 10 } : false}
          columns={[
            { title: t('dv.holder'), render: (_, h) => (h.organizationId ? <Link to={`/organizations/${h.organizationId}/dossier`} data-content>{h.name}</Link> : <><span data-content>{h.name}</span> <Tag>{t('dv.outsideScope')}</Tag></>) },
            { title: t('dv.holderType'), render: (_, h) => t(`lists.orgTypes.${h.type}`, { defaultValue: t('lists.orgTypes.other') }) },
            { title: t('dv.region'), dataIndex: 'regionCode', render: (code: string) => <RegionName code={code} /> },
            { title: t('dv.received'), dataIndex: 'received', align: 'right' },
            { title: t('dv.inStock'), dataIndex: 'inStock', align: 'right' },
            { title: t('dv.inTransit'), dataIndex: 'inTransit', align: 'right' },
            { title: t('dv.used'), dataIndex: 'used', align: 'right' },
          ]} />
      </Card>

      <LotUses di={d.di} lot={d.lot} />

      <Card size="small" title={`${t('dv.reports')} (${d.adverseEvents.total})`} data-testid="section-reports">
        {d.adverseEvents.items.length === 0 ? <EmptyState /> : (
          <Table size="small" rowKey="id" pagination={false} dataSource={d.adverseEvents.items} columns={[
            { title: t('ae.reportNo'), dataIndex: 'reportNo' },
            { title: t('ae.reporter'), render: (_, r) => <span data-content>{r.reporterOrganizationName}</span> },
            { title: t('ae.outcome'), render: (_, r) => <Tag color={r.outcome === 'other' ? 'default' : 'red'}>{t(`ae.outcomes.${r.outcome}`)}</Tag> },
            { title: t('ae.eventDate'), dataIndex: 'eventDate' },
            { title: t('ae.deadline'), render: (_, r) => (r.late ? <Tag color="red">{t('ae.overdueBy', { hours: Math.round(r.lateByHours) })}</Tag> : <Tag color="green">{t('ae.onTime')}</Tag>) },
          ]} />
        )}
      </Card>

      <Card size="small" title={t('dv.attachments')} data-testid="section-attachments">
        {d.attachments.length === 0 ? <EmptyState /> : (
          <Table size="small" rowKey="id" pagination={false} dataSource={d.attachments} columns={[
            { title: t('dv.title'), render: (_, a) => <span data-content>{a.title}</span> },
            { title: t('dv.kind'), render: (_, a) => t(`dv.subjectTypes.${a.subjectType}`, { defaultValue: a.subjectType }) },
            { title: t('dv.size'), render: (_, a) => sizeText(a.sizeBytes) },
            { title: t('dv.uploadedAt'), render: (_, a) => formatInstant(a.createdAt) },
            { title: t('dv.download'), render: (_, a) => <a href={a.contentUrl} download={a.fileName}>{t('dv.download')} <span data-content>{a.fileName}</span></a> },
          ]} />
        )}
      </Card>
    </>
  );
}

/** Clinical uses of the lot (issue 4's use records, `GET /api/use-records/uses?productDi&lot`). */
function LotUses({ di, lot }: { di: string; lot: string }) {
  const { t } = useTranslation();
  const path = `/api/use-records/uses?productDi=${encodeURIComponent(di)}&lot=${encodeURIComponent(lot)}&pageSize=50&sort=-usedOn`;
  const uses = useApi<ListAnswer<ClinicalUse>>(path);
  return (
    <Card size="small" title={`${t('dv.uses')}${uses.data ? ` (${uses.data.total})` : ''}`} data-testid="section-uses">
      {uses.isPending && <LoadingState rows={2} />}
      {uses.isError && (isUnavailable(uses.error) ? <UnavailableState api="GET /api/use-records/uses" /> : <ErrorState error={uses.error} />)}
      {uses.data && (uses.data.items.length === 0 ? <EmptyState /> : (
        <Table<ClinicalUse> size="small" rowKey="id" pagination={false} dataSource={uses.data.items} columns={[
          { title: t('dv.usedOn'), dataIndex: 'usedOn' },
          { title: t('dv.institution'), render: (_, u) => <span data-content>{u.organizationName}</span> },
          { title: t('dv.department'), render: (_, u) => <span data-content>{u.department}</span> },
          { title: t('dv.operator'), render: (_, u) => <><span data-content>{u.operator}</span> <Tag color={u.operatorTrained ? 'green' : 'red'}>{t(u.operatorTrained ? 'dv.trained' : 'dv.untrained')}</Tag></> },
        ]} />
      ))}
    </Card>
  );
}
