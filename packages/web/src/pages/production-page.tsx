import type { ProColumns } from '@ant-design/pro-components';
import { INSPECTION_RESULTS, MATERIAL_KINDS, RELEASE_DECISIONS } from '@lianjian/core/records/production';
import { QUALITY_FLAG_RULES } from '@lianjian/core/rules/production-flags';
import { Button, Space, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { MasterList } from '../components/master-list.tsx';
import { formatInstant } from '../format/time.ts';

type Row = Record<string, unknown>;
const enumOf = (values: readonly string[], label: (v: string) => string) => Object.fromEntries(values.map((v) => [v, { text: label(v) }]));

/** The manufacturer's production records: material receipts, batches, release reports and the quality flags the rules raised. */
export default function ProductionPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'batches';

  const receipts: ProColumns<Row>[] = [
    { title: 'ID', dataIndex: 'id', search: false, sorter: true, render: (_, r) => <Link to={`/portal/production/receipts/${String(r.id)}`}>{String(r.id)}</Link> },
    { title: t('pf.receipt.supplier'), dataIndex: ['supplier', 'name'], search: false },
    { title: t('pf.receipt.materialName'), dataIndex: ['material', 'name'], search: false },
    { title: t('pf.receipt.materialCode'), dataIndex: 'materialCode', render: (_, r) => (r.material as { code: string }).code, sorter: true },
    { title: t('pf.receipt.materialKind'), dataIndex: 'materialKind', valueType: 'select', valueEnum: enumOf(MATERIAL_KINDS, (k) => t(`pf.receipt.kinds.${k}`)), render: (_, r) => t(`pf.receipt.kinds.${(r.material as { kind: string }).kind}`) },
    { title: t('pf.receipt.materialLot'), dataIndex: 'materialLot', sorter: true },
    { title: t('pf.quantity'), dataIndex: 'quantity', search: false, render: (_, r) => `${String(r.quantity)} ${String(r.unit)}` },
    { title: t('pf.receipt.purchaseDate'), dataIndex: 'purchaseDate', search: false, sorter: true },
    {
      title: t('pf.receipt.result'), dataIndex: 'result', valueType: 'select', valueEnum: enumOf(INSPECTION_RESULTS, (r) => t(`pf.item.${r}`)),
      render: (_, r) => { const res = (r.incomingInspection as { result: string }).result; return <Tag color={res === 'pass' ? 'green' : 'red'}>{t(`pf.item.${res}`)}</Tag>; },
    },
  ];
  const batches: ProColumns<Row>[] = [
    { title: 'ID', dataIndex: 'id', search: false, sorter: true, render: (_, r) => <Link to={`/portal/production/batches/${String(r.id)}`}>{String(r.id)}</Link> },
    { title: t('ae.product'), dataIndex: 'productName', search: false },
    { title: t('pf.batch.productDi'), dataIndex: 'productDi', sorter: true },
    { title: t('pf.batch.lot'), dataIndex: 'lot', sorter: true },
    { title: t('pf.quantity'), dataIndex: 'quantity', search: false },
    { title: t('pf.batch.productionDate'), dataIndex: 'productionDate', search: false, sorter: true },
    { title: t('pf.batch.expiryDate'), dataIndex: 'expiryDate', search: false },
    { title: t('pf.batch.processRoute'), dataIndex: 'processRoute', search: false, render: (_, r) => `${String(r.processRoute)} ${String(r.processVersion)}` },
    {
      title: t('pf.release.decision'), dataIndex: 'release', valueType: 'select', valueEnum: enumOf(['released', 'rejected', 'pending'], (d) => t(`pf.release.decisions.${d}`)),
      render: (_, r) => { const d = (r.releaseDecision as string | null) ?? 'pending'; return <Tag color={d === 'released' ? 'green' : d === 'rejected' ? 'red' : 'default'}>{t(`pf.release.decisions.${d}`)}</Tag>; },
    },
  ];
  const releases: ProColumns<Row>[] = [
    { title: 'ID', dataIndex: 'id', search: false, sorter: true },
    { title: t('pf.batch.productDi'), dataIndex: 'productDi' },
    { title: t('pf.batch.lot'), dataIndex: 'lot', search: false },
    { title: t('pf.release.reportNo'), dataIndex: 'reportNo', search: false },
    { title: t('pf.release.inspector'), dataIndex: 'inspector', search: false },
    { title: t('pf.release.decision'), dataIndex: 'decision', valueType: 'select', valueEnum: enumOf(RELEASE_DECISIONS, (d) => t(`pf.release.decisions.${d}`)) },
    { title: t('pf.release.decidedAt'), dataIndex: 'decidedAt', search: false, sorter: true, render: (_, r) => formatInstant(r.decidedAt as string) },
    {
      title: t('pf.release.failedCount'), dataIndex: 'failed', valueType: 'select', valueEnum: { true: { text: t('common.yes') }, false: { text: t('common.no') } },
      render: (_, r) => <Tag color={(r.failedCount as number) > 0 ? 'red' : 'green'}>{String(r.failedCount)}</Tag>,
    },
  ];
  const flags: ProColumns<Row>[] = [
    { title: 'ID', dataIndex: 'id', search: false },
    { title: t('pf.flags.rule'), dataIndex: 'rule', valueType: 'select', valueEnum: enumOf(QUALITY_FLAG_RULES, (k) => t(`pf.flags.rules.${k}`)) },
    { title: t('pf.flags.subjectType'), dataIndex: 'subjectType', valueType: 'select', valueEnum: enumOf(['batch', 'material_lot', 'lot'], (k) => t(`pf.flags.subjects.${k}`)) },
    { title: t('pf.flags.subject'), dataIndex: 'subjectKey', search: false },
    { title: t('pf.flags.evidence'), dataIndex: 'params', search: false, render: (_, r) => <Typography.Text code>{JSON.stringify(r.params)}</Typography.Text> },
    { title: t('pf.flags.detectedAt'), dataIndex: 'detectedAt', search: false, render: (_, r) => formatInstant(r.detectedAt as string) },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('pf.production')}</Typography.Title>
        <Space wrap>
          <Link to="/portal/production/receipts/new"><Button>{t('pf.receipt.new')}</Button></Link>
          <Link to="/portal/production/batches/new"><Button>{t('pf.batch.new')}</Button></Link>
          <Link to="/portal/production/releases/new"><Button type="primary">{t('pf.release.new')}</Button></Link>
        </Space>
      </Space>
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k })} destroyInactiveTabPane items={[
        { key: 'batches', label: t('pf.batch.list'), children: <MasterList path="/api/batches" columns={batches} title={t('pf.batch.list')} exportName="batches" testId="batches-list" /> },
        { key: 'receipts', label: t('pf.receipt.list'), children: <MasterList path="/api/material-receipts" columns={receipts} title={t('pf.receipt.list')} exportName="material-receipts" testId="receipts-list" /> },
        { key: 'releases', label: t('pf.release.list'), children: <MasterList path="/api/release-reports" columns={releases} title={t('pf.release.list')} exportName="release-reports" testId="releases-list" /> },
        { key: 'flags', label: t('pf.flags.list'), children: <MasterList path="/api/quality-flags" columns={flags} title={t('pf.flags.list')} exportName="quality-flags" testId="flags-list" /> },
      ]} />
    </Space>
  );
}
