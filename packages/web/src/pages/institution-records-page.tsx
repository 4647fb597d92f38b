import type { ProColumns } from '@ant-design/pro-components';
import { Button, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { MasterList } from '../components/master-list.tsx';

type Row = Record<string, unknown>;

/** An institution's operator trainings and disposals, with the forms for them and for its device-management facts. */
export default function InstitutionRecordsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const trainings: ProColumns<Row>[] = [
    { title: 'ID', dataIndex: 'id', search: false },
    { title: t('records.operator'), dataIndex: 'operator' },
    { title: t('pf.training.operatorId'), dataIndex: 'operatorId', search: false },
    { title: t('pf.training.deviceKind'), dataIndex: 'deviceKind', search: false, render: (_, r) => (r.deviceKind ? t(`pd.kindNames.${String(r.deviceKind)}`, { defaultValue: String(r.deviceKind) }) : '—') },
    { title: t('pf.batch.productDi'), dataIndex: 'productDi', search: false },
    { title: t('pf.training.trainedOn'), dataIndex: 'trainedOn', search: false },
    { title: t('pf.training.validUntil'), dataIndex: 'validUntil', search: false },
    { title: t('pf.training.trainer'), dataIndex: 'trainer', search: false },
  ];
  const disposals: ProColumns<Row>[] = [
    { title: 'ID', dataIndex: 'id', search: false },
    { title: t('ae.product'), dataIndex: 'productName', search: false },
    { title: t('pf.batch.productDi'), dataIndex: 'productDi', search: false },
    { title: t('pf.batch.lot'), dataIndex: 'lot', search: false },
    { title: t('pf.serial'), dataIndex: 'serial', search: false },
    { title: t('pf.quantity'), dataIndex: 'quantity', search: false },
    { title: t('pf.disposal.disposedOn'), dataIndex: 'disposedOn', search: false },
    { title: t('pf.disposal.method'), dataIndex: 'method', search: false, render: (_, r) => t(`pf.disposal.methods.${String(r.method)}`) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('pf.institution')}</Typography.Title>
        <Space wrap>
          <Link to="/portal/trainings/new"><Button>{t('pf.training.new')}</Button></Link>
          <Link to="/portal/disposals/new"><Button>{t('pf.disposal.new')}</Button></Link>
          <Link to="/portal/device-facts"><Button>{t('pf.facts.title')}</Button></Link>
        </Space>
      </Space>
      <Tabs activeKey={params.get('tab') ?? 'trainings'} onChange={(k) => setParams({ tab: k })} destroyInactiveTabPane items={[
        { key: 'trainings', label: t('pf.training.list'), children: <MasterList path="/api/use-records/trainings" columns={trainings} title={t('pf.training.list')} exportName="operator-trainings" testId="trainings-list" /> },
        { key: 'disposals', label: t('pf.disposal.list'), children: <MasterList path="/api/use-records/disposals" columns={disposals} title={t('pf.disposal.list')} exportName="disposals" testId="disposals-list" /> },
      ]} />
    </Space>
  );
}
