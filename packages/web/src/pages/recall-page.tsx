import { Alert, Button, Card, Col, Form, Input, Popconfirm, Row, Space, Table, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, download } from '../api/client.ts';
import type { RecallHolder, RecallScope } from '../api/types.ts';
import { EmptyState, ErrorState, LoadingState } from '../components/page-states.tsx';
import { mapFor, RegionMap } from '../components/region-map.tsx';
import { RegionName } from '../components/region-name.tsx';
import { useSession } from '../session/session-context.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface LotPick { di: string; lot: string }

/** A DI is a GTIN-14; the form and a ?di= link are held to the same rule. */
const DI = /^\d{14}$/;

/** Recall scope: pick lots, see every current holder with counts on a table and a map, export the server's Excel. */
export default function RecallPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [params] = useSearchParams();
  // Opened with ?di=…&lot=… (from a trace or a dossier): a link bypasses the form's rules, so check it here.
  const linkDi = params.get('di')?.trim() ?? '';
  const linkLot = params.get('lot')?.trim() ?? '';
  const linkValid = linkLot !== '' && DI.test(linkDi);
  const linkInvalidDi = linkDi !== '' && linkLot !== '' && !linkValid ? linkDi : null;
  const [lots, setLots] = useState<LotPick[]>(() => (linkValid ? [{ di: linkDi, lot: linkLot }] : []));
  const [form] = Form.useForm<LotPick>();
  const scope = useMutation({ mutationFn: (picked: LotPick[]) => api<RecallScope>('/api/recall-scope', { body: { lots: picked } }) });
  const [exporting, setExporting] = useState(false);
  // A valid link computes at once; an invalid one is shown (below) instead of computed.
  const { mutate } = scope;
  useEffect(() => {
    if (linkValid) mutate([{ di: linkDi, lot: linkLot }]);
  }, [linkValid, linkDi, linkLot, mutate]);

  const counts = useMemo(() => {
    if (!scope.data) return null;
    const m = new Map<string, number>();
    // Units still out there (not yet used) per area: what a recall has to reach.
    const { province } = mapFor(user?.jurisdictionCode ?? null);
    for (const h of scope.data.holders) {
      const area = province === null ? `${h.regionCode.slice(0, 2)}0000` : `${h.regionCode.slice(0, 4)}00`;
      m.set(area, (m.get(area) ?? 0) + h.inStock + h.inTransit + h.unusedAtInstitution);
    }
    return m;
  }, [scope.data, user]);

  const exportExcel = async () => {
    setExporting(true);
    try {
      await download('/api/recall-scope', 'recall-scope.xlsx', { method: 'POST', body: { lots }, headers: { accept: XLSX } });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('recall.title')}</Typography.Title>
      {linkInvalidDi !== null && <Alert type="warning" showIcon data-testid="recall-link-invalid" message={t('recall.linkDiInvalid', { di: linkInvalidDi })} />}
      <Card size="small" title={t('recall.lots')}>
        <Form form={form} layout="inline" onFinish={(v) => { setLots((l) => [...l, { di: v.di.trim(), lot: v.lot.trim() }]); form.resetFields(); }}>
          <Form.Item name="di" label={t('recall.di')} rules={[{ required: true }, { pattern: DI, message: t('recall.diRule') }]}><Input style={{ width: 180 }} /></Form.Item>
          <Form.Item name="lot" label={t('recall.lot')} rules={[{ required: true }]}><Input style={{ width: 140 }} /></Form.Item>
          <Button htmlType="submit">{t('recall.addLot')}</Button>
        </Form>
        {lots.length === 0 ? <EmptyState hint={t('recall.pickHint')} /> : (
          <Table size="small" style={{ marginTop: 12 }} pagination={false} rowKey={(r) => `${r.di}/${r.lot}`} dataSource={lots} columns={[
            { title: t('recall.di'), dataIndex: 'di' },
            { title: t('recall.lot'), dataIndex: 'lot' },
            { title: t('common.actions'), render: (_: unknown, r: LotPick) => (
              <Popconfirm title={t('recall.removeConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => setLots((l) => l.filter((x) => x !== r))}>
                <Button size="small" danger>{t('recall.remove')}</Button>
              </Popconfirm>
            ) },
          ]} />
        )}
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" disabled={lots.length === 0} loading={scope.isPending} onClick={() => scope.mutate(lots)}>{t('recall.compute')}</Button>
          <Button disabled={!scope.data} loading={exporting} onClick={() => void exportExcel()}>{t('recall.exportExcel')}</Button>
        </Space>
      </Card>
      {scope.isPending && <LoadingState />}
      {scope.isError && <ErrorState error={scope.error} />}
      {scope.data && (
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <Card size="small" title={t('recall.holders')}>
              <Table<RecallHolder> size="small" data-testid="recall-holders" rowKey={(h) => `${h.organizationId ?? h.name}`} dataSource={scope.data.holders} pagination={{ pageSize: 20, showTotal: (total) => t('state.total', { total }) }} columns={[
                { title: t('common.name'), dataIndex: 'name' },
                { title: t('common.region'), dataIndex: 'regionCode', render: (_, h) => <RegionName code={h.regionCode} /> },
                { title: t('recall.inTransit'), dataIndex: 'inTransit', sorter: (a, b) => a.inTransit - b.inTransit },
                { title: t('recall.inStock'), dataIndex: 'inStock', sorter: (a, b) => a.inStock - b.inStock },
                { title: t('recall.unused'), dataIndex: 'unusedAtInstitution' },
                { title: t('recall.used'), dataIndex: 'used' },
              ]} />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={t('dashboard.map')}>
              <RegionMap jurisdictionCode={user?.jurisdictionCode ?? null} counts={counts} label={t('recall.holders')} />
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
