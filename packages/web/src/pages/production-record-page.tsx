import { Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../api/use-api.ts';
import { AttachmentsPanel } from '../components/portal-forms/attachments-panel.tsx';
import { ErrorState, LoadingState } from '../components/page-states.tsx';

interface TestItem { name: string; lowerLimit: number | null; upperLimit: number | null; unit: string; measuredValue: number; passed: boolean }
interface Batch { id: number; productName: string; productDi: string; lot: string; quantity: number; productionDate: string; expiryDate: string | null; processRoute: string; processVersion: string; releaseDecision: string | null; flags: { id: number; rule: string }[]; release: { items: TestItem[] } | null }
interface Receipt { id: number; supplier: { name: string }; material: { name: string; code: string }; materialLot: string; quantity: number; unit: string; purchaseDate: string; incomingInspection: { result: string; inspector: string; date: string; items: TestItem[] } }

function ItemsTable({ items }: { items: TestItem[] }) {
  const { t } = useTranslation();
  return (
    <Table size="small" pagination={false} rowKey="name" dataSource={items} columns={[
      { title: t('pf.item.name'), dataIndex: 'name' },
      { title: t('pf.item.lowerLimit'), dataIndex: 'lowerLimit' },
      { title: t('pf.item.upperLimit'), dataIndex: 'upperLimit' },
      { title: t('pf.item.measuredValue'), render: (_, i) => `${i.measuredValue} ${i.unit}` },
      { title: t('pf.item.verdict'), render: (_, i) => <Tag color={i.passed ? 'green' : 'red'}>{t(i.passed ? 'pf.item.pass' : 'pf.item.fail')}</Tag> },
    ]} />
  );
}

/** One batch or material receipt with its process documents (attachments). */
export default function ProductionRecordPage({ kind }: { kind: 'batch' | 'receipt' }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const record = useApi<Batch | Receipt>(kind === 'batch' ? `/api/batches/${id}` : `/api/material-receipts/${id}`);
  if (record.isPending) return <LoadingState />;
  if (record.isError) return <ErrorState error={record.error} onRetry={() => void record.refetch()} />;
  const subjectId = Number(id);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Link to={`/portal/production?tab=${kind === 'batch' ? 'batches' : 'receipts'}`}>{t('pf.production')}</Link>
      {kind === 'batch' ? (() => {
        const b = record.data as Batch;
        return (
          <>
            <Typography.Title level={3} style={{ margin: 0 }}>{`${t('pf.batch.one')} ${b.productName} · ${b.lot}`}</Typography.Title>
            <Card size="small">
              <Descriptions size="small" column={2}>
                <Descriptions.Item label={t('pf.batch.productDi')}>{b.productDi}</Descriptions.Item>
                <Descriptions.Item label={t('pf.quantity')}>{b.quantity}</Descriptions.Item>
                <Descriptions.Item label={t('pf.batch.productionDate')}>{b.productionDate}</Descriptions.Item>
                <Descriptions.Item label={t('pf.batch.expiryDate')}>{b.expiryDate ?? '-'}</Descriptions.Item>
                <Descriptions.Item label={t('pf.batch.processRoute')}>{`${b.processRoute} ${b.processVersion}`}</Descriptions.Item>
                <Descriptions.Item label={t('pf.release.decision')}>{t(`pf.release.decisions.${b.releaseDecision ?? 'pending'}`)}</Descriptions.Item>
                <Descriptions.Item label={t('pf.flags.list')} span={2}>{b.flags.length ? b.flags.map((f) => <Tag key={f.id} color="orange">{t(`pf.flags.rules.${f.rule}`)}</Tag>) : '-'}</Descriptions.Item>
              </Descriptions>
            </Card>
            {b.release && <Card size="small" title={t('pf.release.items')}><ItemsTable items={b.release.items} /></Card>}
            <AttachmentsPanel subjectType="batch" subjectId={subjectId} />
          </>
        );
      })() : (() => {
        const r = record.data as Receipt;
        return (
          <>
            <Typography.Title level={3} style={{ margin: 0 }}>{`${t('pf.receipt.one')} ${r.material.name} · ${r.materialLot}`}</Typography.Title>
            <Card size="small">
              <Descriptions size="small" column={2}>
                <Descriptions.Item label={t('pf.receipt.supplier')}>{r.supplier.name}</Descriptions.Item>
                <Descriptions.Item label={t('pf.receipt.materialCode')}>{r.material.code}</Descriptions.Item>
                <Descriptions.Item label={t('pf.quantity')}>{`${r.quantity} ${r.unit}`}</Descriptions.Item>
                <Descriptions.Item label={t('pf.receipt.purchaseDate')}>{r.purchaseDate}</Descriptions.Item>
                <Descriptions.Item label={t('pf.receipt.result')}>{t(`pf.item.${r.incomingInspection.result}`)}</Descriptions.Item>
                <Descriptions.Item label={t('pf.release.inspector')}>{`${r.incomingInspection.inspector} · ${r.incomingInspection.date}`}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card size="small" title={t('pf.receipt.inspectionItems')}><ItemsTable items={r.incomingInspection.items} /></Card>
            <AttachmentsPanel subjectType="material_receipt" subjectId={subjectId} />
          </>
        );
      })()}
    </Space>
  );
}
