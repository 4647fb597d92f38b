import type { ProColumns } from '@ant-design/pro-components';
import { DISTRIBUTION_DOCUMENT_KINDS } from '@lianjian/core/records/distribution';
import { Button, Space, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { MasterList } from '../components/master-list.tsx';
import { formatInstant } from '../format/time.ts';

type Row = Record<string, unknown>;

/** Purchase contracts, delivery notes and receiving acceptances of the organisation (随货单据 / 验收). */
export default function DistributionPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const yesNo = { true: { text: t('common.yes') }, false: { text: t('common.no') } };
  const documents: ProColumns<Row>[] = [
    { title: 'ID', dataIndex: 'id', search: false, sorter: true },
    { title: t('pf.doc.kind'), dataIndex: 'kind', valueType: 'select', valueEnum: Object.fromEntries(DISTRIBUTION_DOCUMENT_KINDS.map((k) => [k, { text: t(`pf.doc.kinds.${k}`) }])) },
    { title: t('pf.doc.number'), dataIndex: 'number', sorter: true },
    { title: t('pf.doc.supplier'), dataIndex: 'supplierName', search: false },
    { title: t('pf.doc.buyer'), dataIndex: 'buyerName', search: false },
    { title: t('pf.doc.documentDate'), dataIndex: 'documentDate', search: false, sorter: true },
    { title: t('pf.batch.productDi'), dataIndex: 'productDi', hideInTable: true },
    { title: t('pf.doc.lines'), dataIndex: 'lines', search: false, render: (_, r) => (r.lines as unknown[]).length },
    { title: t('pf.doc.eventLink'), dataIndex: 'eventLink', search: false, render: (_, r) => t(`pf.doc.eventLinks.${String(r.eventLink)}`) },
  ];
  const acceptances: ProColumns<Row>[] = [
    { title: 'ID', dataIndex: 'id', search: false, sorter: true },
    { title: t('pf.acc.deliveryNote'), dataIndex: 'deliveryNoteNumber', search: false },
    { title: t('pf.acc.receivedAt'), dataIndex: 'receivedAt', search: false, sorter: true, render: (_, r) => formatInstant(r.receivedAt as string) },
    { title: t('pf.release.inspector'), dataIndex: 'inspector', search: false },
    { title: t('submission.condition'), dataIndex: 'condition', search: false, render: (_, r) => t(`pf.acc.conditions.${String(r.condition)}`) },
    { title: t('submission.accepted'), dataIndex: 'accepted', valueType: 'select', valueEnum: yesNo, render: (_, r) => (r.accepted ? t('common.yes') : t('common.no')) },
    { title: t('pf.acc.discrepancyColumn'), dataIndex: 'discrepancy', valueType: 'select', valueEnum: yesNo, render: (_, r) => (r.discrepancy ? <Tag color="red">{t('common.yes')}</Tag> : t('common.no')) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('pf.distribution')}</Typography.Title>
        <Space wrap>
          <Link to="/portal/documents/new"><Button>{t('pf.doc.new')}</Button></Link>
          <Link to="/portal/acceptances/new"><Button type="primary">{t('pf.acc.new')}</Button></Link>
        </Space>
      </Space>
      <Tabs activeKey={params.get('tab') ?? 'documents'} onChange={(k) => setParams({ tab: k })} destroyInactiveTabPane items={[
        { key: 'documents', label: t('pf.doc.list'), children: <MasterList path="/api/distribution-documents" columns={documents} title={t('pf.doc.list')} exportName="distribution-documents" testId="documents-list" /> },
        { key: 'acceptances', label: t('pf.acc.list'), children: <MasterList path="/api/receiving-acceptances" columns={acceptances} title={t('pf.acc.list')} exportName="receiving-acceptances" testId="acceptances-list" /> },
      ]} />
    </Space>
  );
}
